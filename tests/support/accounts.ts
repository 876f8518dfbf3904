import { randomUUID } from "node:crypto";
import type { Db } from "@/db/index";
import { privacyAcceptances, type Role, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/core/actor";
import { hasProvinceScope } from "@/lib/core/roles";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";
import { actorFor, unitByCode } from "./actors";

/**
 * A fresh active account with `password`, at the province's bureau (province roles) or at 石家庄 (fillers); its actor.
 * It has accepted the current privacy notice unless `acceptedNotice` is false (see privacy.test.ts for the gate).
 */
export async function addActiveUser(
  db: Db,
  {
    role,
    password,
    passwordChangedAt,
    createdAt,
    prefix,
    acceptedNotice = true,
  }: { role: Role; password: string; passwordChangedAt: Date; createdAt?: Date; prefix: string; acceptedNotice?: boolean },
): Promise<Actor> {
  const email = `${prefix}-${randomUUID().slice(0, 8)}@test.baosong.cn`;
  const unit = await unitByCode(db, hasProvinceScope(role) ? "13" : "1301");
  const [user] = await db
    .insert(users)
    .values({ email, name: "赵敏", role, unitId: unit.id, status: "active", passwordHash: await hashPassword(password), passwordChangedAt, createdAt })
    .returning({ id: users.id });
  if (acceptedNotice) await acceptNotice(db, user.id);
  return actorFor(db, email);
}

/** Records that the account accepted the current privacy notice, as 「我已阅读并同意」 would. */
export async function acceptNotice(db: Db, userId: number): Promise<void> {
  await db.insert(privacyAcceptances).values({ userId, version: PRIVACY_NOTICE_VERSION, acceptedAt: new Date(0) }).onConflictDoNothing();
}
