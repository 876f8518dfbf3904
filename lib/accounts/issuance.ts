import type { AuditAction } from "@/lib/core/audit-actions";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type Role, rosterEntries, unitKind, type UnitKind, userStatus, type UserStatus, users, userTokens } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor";
import { endSessions } from "@/lib/auth/sessions";
import { DomainError } from "@/lib/core/errors";
import { sendActivation } from "./invitations";
import { ROLE_BY_UNIT_KIND } from "./rules";

export type IssuanceSummary = { issued: number; kept: number; replaced: number };

type Row = { entryId: number; unitId: number; unitName: string; unitKind: UnitKind; name: string; phone: string; email: string };
type Account = { id: number; email: string; unitId: number; status: UserStatus };

/**
 * Gives every row of an approved submission its account, inside the approval's transaction:
 * a new administrator gets an invited account and an activation email; the one they replace
 * (the account the unit's last approval issued) is disabled and signed out; an unchanged one keeps its account.
 */
export async function issueAccounts(tx: Tx, { submissionId, actor, now }: { submissionId: number; actor: Pick<Actor, "userId" | "role" | "unitId">; now: Date }): Promise<IssuanceSummary> {
  const actorId = actor.userId;
  const rows: Row[] = await queryRows(
    tx,
    { entryId: col.int, unitId: col.int, unitName: col.text, unitKind: col.oneOf(unitKind.enumValues), name: col.text, phone: col.text, email: col.text },
    sql`
    select e.id as "entryId", e.unit_id as "unitId", u.name as "unitName", u.kind as "unitKind", e.name, e.phone, e.email
    from roster_entries e join units u on u.id = e.unit_id
    where e.submission_id = ${submissionId}
    order by e.id`,
  );
  const previous = await previousAccountsByUnit(tx, rows.map((r) => r.unitId));
  const summary: IssuanceSummary = { issued: 0, kept: 0, replaced: 0 };
  const audit = (action: AuditAction, userId: number, detail: Record<string, unknown>) =>
    recordAudit(tx, { action, outcome: "success", userId: actor.userId, role: actor.role, unitId: actor.unitId, at: now, targetType: "user", targetId: userId, detail: { submissionId, ...detail } });

  for (const row of rows) {
    const { unitId } = row;
    const role = ROLE_BY_UNIT_KIND[row.unitKind];
    if (!role) throw new DomainError(`「${row.unitName}」不是可开通管理员账号的单位类型，请联系省级管理员。`);
    const prior = previous.get(unitId);
    if (prior && prior.email === row.email) {
      await setIssued(tx, row.entryId, prior.id);
      summary.kept++;
      continue;
    }
    const [holder] = await tx.select().from(users).where(sql`lower(${users.email}) = ${row.email}`).for("update");
    if (holder && holder.unitId !== unitId) {
      throw new DomainError(`「${row.unitName}」的管理员邮箱 ${row.email} 已是其他单位的账号，同一邮箱不能作为两个单位的管理员。请退回，由报送单位更换邮箱。`, {
        detail: { reason: "email_taken", unitId, email: row.email },
      });
    }
    if (prior) {
      await tx.update(users).set({ status: "disabled" }).where(eq(users.id, prior.id));
      await endSessions({ db: tx, userId: prior.id, reason: "account_disabled", now });
      await revokeLinks(tx, prior.id, now);
      await audit("account.disable", prior.id, { unitId, reason: "administrator_replaced", email: prior.email });
      summary.replaced++;
    }
    const account = holder ? await reinvite(tx, holder, row) : await createAccount(tx, row, role, now);
    if (account.status === "invited") await sendActivation(tx, { userId: account.id, actorId, now });
    await setIssued(tx, row.entryId, account.id);
    await audit("account.issue", account.id, { unitId, email: row.email, role, existing: Boolean(holder) });
    summary.issued++;
  }
  return summary;
}

/** For each unit, the account its most recent approval issued (the administrator a new row may replace). */
async function previousAccountsByUnit(tx: Tx, unitIds: number[]): Promise<Map<number, Account>> {
  if (unitIds.length === 0) return new Map();
  const rows = await queryRows(
    tx,
    { rowUnitId: col.int, id: col.int, email: col.text, unitId: col.int, status: col.oneOf(userStatus.enumValues) },
    sql`
    select distinct on (e.unit_id) e.unit_id as "rowUnitId", u.id, u.email, u.unit_id as "unitId", u.status
    from roster_entries e
    join users u on u.id = e.issued_user_id
    join submission_events ev on ev.submission_id = e.submission_id and ev.action = 'approved'
    where e.unit_id in ${sql`(${sql.join(unitIds.map((id) => sql`${id}`), sql`, `)})`}
    order by e.unit_id, ev.at desc, ev.id desc`,
  );
  return new Map(rows.map(({ rowUnitId, ...account }) => [rowUnitId, account]));
}

async function createAccount(tx: Tx, row: Row, role: Role, now: Date): Promise<Account> {
  const [user] = await tx
    .insert(users)
    .values({ email: row.email, name: row.name, phone: row.phone, unitId: row.unitId, role, status: "invited", createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (user) return user;
  // Another approval or invitation took the email after the look-up above; on a fresh look the reviewer sees whose it is.
  throw new DomainError(`「${row.unitName}」的管理员邮箱 ${row.email} 刚刚已被另一项审核或邀请开通为平台账号，本次审核未保存任何内容。请刷新页面，核对该邮箱的归属后重新审核。`, {
    detail: { reason: "email_taken_meanwhile", unitId: row.unitId, email: row.email },
  });
}

/**
 * The named person already has an account at this unit (a filler naming themself, or an administrator
 * named again after being replaced): an active account stays as it is, a disabled one is invited afresh.
 */
async function reinvite(tx: Tx, holder: Account, row: Row): Promise<Account> {
  const status = holder.status === "disabled" ? "invited" : holder.status;
  const [user] = await tx
    .update(users)
    .set({ name: row.name, phone: row.phone, status, ...(status === "invited" ? { passwordHash: null } : {}) })
    .where(eq(users.id, holder.id))
    .returning();
  return user;
}

async function setIssued(tx: Tx, entryId: number, userId: number): Promise<void> {
  await tx.update(rosterEntries).set({ issuedUserId: userId }).where(eq(rosterEntries.id, entryId));
}

async function revokeLinks(tx: Tx, userId: number, now: Date): Promise<void> {
  await tx
    .update(userTokens)
    .set({ revokedAt: now })
    .where(and(eq(userTokens.userId, userId), sql`${userTokens.usedAt} is null and ${userTokens.revokedAt} is null`));
}
