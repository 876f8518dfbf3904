import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type TokenPurpose, units, users } from "@/db/schema";
import { LINK_MESSAGES } from "./set-password";
import { checkToken } from "./tokens";

export type LinkHolder = { ok: true; email: string; name: string; unitName: string } | { ok: false; message: string };

/** Whom an activation or reset link is for, so its page can greet them and check the password rules; it does not use the link up. */
export async function getLinkHolderByToken({ db, token, purpose, now }: { db: DbOrTx; token: string | undefined; purpose: TokenPurpose; now: Date }): Promise<LinkHolder> {
  if (!token) return { ok: false, message: "链接不完整，请从邮件中重新打开完整的链接。" };
  const check = await checkToken(db, { token, purpose, now });
  if (!check.ok) return { ok: false, message: LINK_MESSAGES[purpose][check.reason] };
  const [row] = await db
    .select({ email: users.email, name: users.name, status: users.status, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, check.userId));
  if (purpose === "activation" && row.status === "active") return { ok: false, message: LINK_MESSAGES.activation.used };
  if (row.status === "disabled" || row.status === "locked") return { ok: false, message: "该账号已停用或锁定，请联系省级管理员。" };
  return { ok: true, email: row.email, name: row.name, unitName: row.unitName };
}
