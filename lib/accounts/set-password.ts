import type { AuditAction } from "@/lib/core/audit-actions";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { rosterEntries, type TokenPurpose, units, users } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { endSessions } from "@/lib/auth/sessions";
import { type ActionResult, toFieldErrors } from "@/lib/core/errors";
import { recordEvent } from "@/lib/submissions/events";
import { newPasswordProblem, REUSED_PASSWORD, storePassword } from "./passwords";
import { setPasswordSchema } from "./schemas";
import { checkToken, markTokenUsed, type TokenCheck } from "./tokens";

type Refusal = Extract<TokenCheck, { ok: false }>["reason"];

/** Why a link cannot be used, in words that say what to do next. */
export const LINK_MESSAGES: Record<TokenPurpose, Record<Refusal, string>> = {
  activation: {
    unknown: "激活链接无效，请从邮件中重新打开完整的链接。",
    used: "该激活链接已使用过，账号已激活，请直接登录。忘记密码可在登录页点击「忘记密码？」。",
    revoked: "该激活链接已失效：已重新发送了激活邮件，请使用最新一封邮件中的链接。",
    expired: "该激活链接已过期（有效期 72 小时），请联系省级审核员重新发送激活邮件。",
  },
  password_reset: {
    unknown: "重置链接无效，请从邮件中重新打开完整的链接。",
    used: "该重置链接已使用过。如需再次重置，请重新申请「忘记密码」。",
    revoked: "该重置链接已失效：您之后又申请过重置，请使用最新一封邮件中的链接。",
    expired: "该重置链接已过期（有效期 30 分钟），请重新申请「忘记密码」。",
  },
};

/** Which accounts a link of this purpose may set a password for. */
const ALLOWED_STATUS: Record<TokenPurpose, string> = { activation: "invited", password_reset: "active" };
const AUDIT_ACTION: Record<TokenPurpose, AuditAction> = { activation: "account.activate", password_reset: "account.reset_password" };

/**
 * Sets a password from a single-use link, in one transaction: the account becomes active (activation)
 * or gets its new password and loses its open sessions (reset); the link is used up. Returns the login
 * so the caller can sign the person in.
 */
export async function setPasswordWithToken({
  db,
  purpose,
  input,
  ip,
  now,
}: {
  db: Db;
  purpose: TokenPurpose;
  input: unknown;
  ip: string | null;
  now: Date;
}): Promise<ActionResult<{ email: string }>> {
  const action = AUDIT_ACTION[purpose];
  const parsed = setPasswordSchema().safeParse(input);
  if (!parsed.success) {
    await recordAudit(db, { action, outcome: "rejected", ip, at: now, detail: { reason: "invalid_input" } });
    return { ok: false, ...toFieldErrors(parsed.error) };
  }
  const { token, password } = parsed.data;

  return db.transaction(async (tx): Promise<ActionResult<{ email: string }>> => {
    const check = await checkToken(tx, { token, purpose, now, lock: true });
    if (!check.ok) {
      await recordAudit(tx, { action, outcome: "rejected", ip, at: now, detail: { reason: check.reason } });
      return { ok: false, formError: LINK_MESSAGES[purpose][check.reason] };
    }
    const [row] = await tx
      .select({ user: users, unitName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(eq(users.id, check.userId))
      .for("update", { of: users });
    const { user, unitName } = row;
    const audit = { action, ip, at: now, userId: user.id, role: user.role, unitId: user.unitId, targetType: "user", targetId: user.id };
    if (user.status !== ALLOWED_STATUS[purpose]) {
      await recordAudit(tx, { ...audit, outcome: "rejected", detail: { reason: `status_${user.status}` } });
      return { ok: false, formError: user.status === "active" ? LINK_MESSAGES[purpose].used : "该账号已停用或锁定，请联系省级管理员。" };
    }
    const problem = await newPasswordProblem(tx, { id: user.id, email: user.email, unitName }, password);
    if (problem) {
      await recordAudit(tx, { ...audit, outcome: "rejected", detail: { reason: problem === REUSED_PASSWORD ? "reused_password" : "weak_password" } });
      return { ok: false, fieldErrors: { password: problem } };
    }

    await storePassword(tx, { userId: user.id, password, now }, { status: "active", failedLoginCount: 0, failureWindowStartedAt: null, lockedUntil: null });
    await markTokenUsed(tx, check.tokenId, now);
    if (purpose === "password_reset") await endSessions({ db: tx, userId: user.id, reason: "password_changed", now });
    else await recordActivationOnTimelines(tx, user.id, now);
    await recordAudit(tx, { ...audit, outcome: "success", detail: { tokenId: check.tokenId } });
    return { ok: true, data: { email: user.email } };
  });
}

/** An administrator's activation shows on the timeline of every submission that named them. */
async function recordActivationOnTimelines(tx: Tx, userId: number, now: Date): Promise<void> {
  const entries = await tx
    .selectDistinct({ submissionId: rosterEntries.submissionId, unitId: rosterEntries.unitId })
    .from(rosterEntries)
    .where(eq(rosterEntries.issuedUserId, userId));
  for (const entry of entries) {
    await recordEvent(tx, { submissionId: entry.submissionId, actorId: userId, action: "account.activated", at: now, detail: { userId, unitId: entry.unitId } });
  }
}
