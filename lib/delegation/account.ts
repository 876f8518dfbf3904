// Accounts for delegates: a county or school without an active account is invited by its city as its 填报员, with
// the activation email the province's invitations send — one at a time (开通账号) or from a contacts list.
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import type { UnitKind, UserStatus } from "@/db/schema";
import { ROLE_BY_UNIT_KIND } from "@/lib/accounts/rules";
import { notFound } from "@/lib/core/errors";
import { createInvitedUser } from "@/lib/users/invite";

/**
 * The account a delegate unit fills with, for a `left join lateral`: the newest active one, else the newest invited
 * one (id, name, email, status). Locked and disabled accounts are none: the city invites a new 填报员.
 */
export function delegateAccount(unitId: SQL): SQL {
  return sql`(
    select id, name, email, status from users where unit_id = ${unitId} and status in ('active', 'invited') order by status = 'active' desc, id desc limit 1)`;
}

export type DelegateWithAccount = { id: number; name: string; kind: UnitKind; userId: number | null; userName: string | null; userStatus: UserStatus | null };

/** Why the delegate needs no new account, or null when it has none. */
export function accountHeldMessage(unit: DelegateWithAccount): string | null {
  if (!unit.userId) return null;
  const active = unit.userStatus === "active";
  return `「${unit.name}」已有填报账号（${unit.userName}，${active ? "已激活" : "待激活"}），无需再开通。${active ? "" : "如未收到邮件，可重新发送激活邮件。"}`;
}

/** The delegate's 填报员, invited with a 72-hour activation link (no password is ever emailed). Null when the email was taken meanwhile. */
export async function inviteDelegateUser(
  tx: Tx,
  unit: DelegateWithAccount,
  person: { name: string; phone: string; email: string },
  by: { actorId: number; now: Date },
): Promise<number | null> {
  const role = ROLE_BY_UNIT_KIND[unit.kind];
  if (!role) throw notFound();
  return createInvitedUser(tx, { ...person, unitId: unit.id, role }, by);
}
