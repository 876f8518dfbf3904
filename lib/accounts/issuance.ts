import type { AuditAction } from "@/lib/core/audit-actions";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, idsIn, jsonParam, queryRows } from "@/db/rows";
import { type Role, unitKind, type UnitKind, userStatus, type UserStatus, users, userTokens } from "@/db/schema";
import { type AuditEntry, recordAudits } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor";
import { endSessions } from "@/lib/auth/sessions";
import { DomainError } from "@/lib/core/errors";
import { sendActivations } from "./invitations";
import { ROLE_BY_UNIT_KIND } from "./rules";

export type IssuanceSummary = { issued: number; kept: number; replaced: number };

type Row = { entryId: number; unitId: number; unitName: string; unitKind: UnitKind; name: string; phone: string; email: string; priorId: number | null; priorEmail: string | null };
type Holder = { id: number; email: string; unitId: number; status: UserStatus };

/**
 * Gives every row of an approved submission its account, inside the approval's transaction:
 * a new administrator gets an invited account and an activation email; the one they replace
 * (the account the unit's last approval issued) is disabled and signed out; an unchanged one keeps its account.
 * Set-based: a fixed number of statements whatever the table's size, each row checked before anything is written.
 */
export async function issueAccounts(tx: Tx, { submissionId, actor, now }: { submissionId: number; actor: Pick<Actor, "userId" | "role" | "unitId">; now: Date }): Promise<IssuanceSummary> {
  const rows = await rowsWithPriorAccounts(tx, submissionId);
  const kept = rows.filter((r) => r.priorEmail === r.email);
  const changed = rows.filter((r) => r.priorEmail !== r.email);
  const holders = await lockHolders(tx, changed.map((r) => r.email));
  const roles = checkRows(rows, holders);

  const replaced = changed.filter((r) => r.priorId !== null);
  const replacedIds = replaced.map((r) => r.priorId!);
  if (replacedIds.length > 0) {
    await tx.update(users).set({ status: "disabled" }).where(sql`${users.id} in ${idsIn(replacedIds)}`);
    await endSessions({ db: tx, userIds: replacedIds, reason: "account_disabled", now });
    await tx
      .update(userTokens)
      .set({ revokedAt: now })
      .where(sql`${userTokens.userId} in ${idsIn(replacedIds)} and ${userTokens.usedAt} is null and ${userTokens.revokedAt} is null`);
  }
  const reinvited = await reinvite(tx, changed.filter((r) => holders.has(r.email)), holders);
  const created = await createAccounts(tx, changed.filter((r) => !holders.has(r.email)), roles, now);
  const invitedIds = [...reinvited.filter((a) => a.status === "invited").map((a) => a.id), ...created.values()];
  // Every row now has its account (kept, re-invited or created): one statement links them all by id, before the
  // activation emails, which tell an issued account it is its unit's administrator.
  const accountOf = (r: Row) => (r.priorEmail === r.email ? r.priorId! : (holders.get(r.email)?.id ?? created.get(r.email)!));
  const links = rows.map((r) => ({ entry_id: r.entryId, user_id: accountOf(r) }));
  await tx.execute(sql`
    update roster_entries e set issued_user_id = v.user_id
    from jsonb_to_recordset(${jsonParam(links)}) as v(entry_id int, user_id int) where e.id = v.entry_id`);
  await sendActivations(tx, { userIds: invitedIds, actorId: actor.userId, now });

  const audit = (action: AuditAction, targetId: number, detail: Record<string, unknown>): AuditEntry => ({
    action,
    outcome: "success",
    userId: actor.userId,
    role: actor.role,
    unitId: actor.unitId,
    at: now,
    targetType: "user",
    targetId,
    detail: { submissionId, ...detail },
  });
  await recordAudits(tx, [
    ...replaced.map((r) => audit("account.disable", r.priorId!, { unitId: r.unitId, reason: "administrator_replaced", email: r.priorEmail })),
    ...changed.map((r) =>
      audit("account.issue", accountOf(r), { unitId: r.unitId, email: r.email, role: roles.get(r.unitId), existing: holders.has(r.email) }),
    ),
  ]);
  return { issued: changed.length, kept: kept.length, replaced: replaced.length };
}

/** The submission's rows, each with the account its unit's most recent approval issued (the administrator it may replace). */
async function rowsWithPriorAccounts(tx: Tx, submissionId: number): Promise<Row[]> {
  return queryRows(
    tx,
    {
      entryId: col.int,
      unitId: col.int,
      unitName: col.text,
      unitKind: col.oneOf(unitKind.enumValues),
      name: col.text,
      phone: col.text,
      email: col.text,
      priorId: col.intOrNull,
      priorEmail: col.textOrNull,
    },
    sql`
    with prior as (
      select distinct on (pe.unit_id) pe.unit_id, pu.id, pu.email
      from roster_entries pe
      join users pu on pu.id = pe.issued_user_id
      join submission_events ev on ev.submission_id = pe.submission_id and ev.action = 'approved'
      where pe.unit_id in (select unit_id from roster_entries where submission_id = ${submissionId})
      order by pe.unit_id, ev.at desc, ev.id desc
    )
    select e.id as "entryId", e.unit_id as "unitId", u.name as "unitName", u.kind as "unitKind", e.name, e.phone, e.email,
           p.id as "priorId", p.email as "priorEmail"
    from roster_entries e join units u on u.id = e.unit_id left join prior p on p.unit_id = e.unit_id
    where e.submission_id = ${submissionId}
    order by e.id`,
  );
}

/** The accounts that already carry these emails, locked until the approval commits. */
async function lockHolders(tx: Tx, emails: string[]): Promise<Map<string, Holder>> {
  if (emails.length === 0) return new Map();
  const holders = await queryRows(
    tx,
    { id: col.int, email: col.text, unitId: col.int, status: col.oneOf(userStatus.enumValues) },
    sql`select id, email, unit_id as "unitId", status from users where lower(email) in (select jsonb_array_elements_text(${jsonParam(emails)})) for update`,
  );
  return new Map(holders.map((h) => [h.email, h]));
}

/** Refuses the whole approval at the first row that cannot have its account; returns each unit's role. */
function checkRows(rows: Row[], holders: Map<string, Holder>): Map<number, Role> {
  const roles = new Map<number, Role>();
  const seen = new Set<string>();
  for (const row of rows) {
    const role = ROLE_BY_UNIT_KIND[row.unitKind];
    if (!role) throw new DomainError(`「${row.unitName}」不是可开通管理员账号的单位类型，请联系省级管理员。`);
    roles.set(row.unitId, role);
    // An email is one account of one unit: not another unit's account, nor on two rows of this table.
    const holder = row.priorEmail === row.email ? undefined : holders.get(row.email);
    if ((holder && holder.unitId !== row.unitId) || seen.has(row.email)) {
      throw new DomainError(`「${row.unitName}」的管理员邮箱 ${row.email} 已是其他单位的账号，同一邮箱不能作为两个单位的管理员。请退回，由报送单位更换邮箱。`, {
        detail: { reason: "email_taken", unitId: row.unitId, email: row.email },
      });
    }
    seen.add(row.email);
  }
  return roles;
}

/**
 * The named people who already have an account at their unit (a filler naming themself, an administrator named
 * again after being replaced): an active account stays as it is, a disabled one is invited afresh.
 */
async function reinvite(tx: Tx, rows: Row[], holders: Map<string, Holder>): Promise<{ id: number; status: UserStatus }[]> {
  if (rows.length === 0) return [];
  const values = rows.map((r) => ({ id: holders.get(r.email)!.id, name: r.name, phone: r.phone }));
  return queryRows(
    tx,
    { id: col.int, status: col.oneOf(userStatus.enumValues) },
    sql`
    update users u set name = v.name, phone = v.phone,
      status = case when u.status = 'disabled' then 'invited'::user_status else u.status end,
      password_hash = case when u.status = 'disabled' then null else u.password_hash end
    from jsonb_to_recordset(${jsonParam(values)}) as v(id int, name text, phone text)
    where u.id = v.id
    returning u.id, u.status`,
  );
}

/** New invited accounts, by email. */
async function createAccounts(tx: Tx, rows: Row[], roles: Map<number, Role>, now: Date): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const values = rows.map((r) => ({ email: r.email, name: r.name, phone: r.phone, unit_id: r.unitId, role: roles.get(r.unitId) }));
  const inserted = await queryRows(
    tx,
    { id: col.int, email: col.text },
    sql`
    insert into users (email, name, phone, unit_id, role, status, created_at)
    select v.email, v.name, v.phone, v.unit_id, v.role::role, 'invited', ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${jsonParam(values)}) as v(email text, name text, phone text, unit_id int, role text)
    on conflict do nothing
    returning id, email`,
  );
  const created = new Map(inserted.map((u) => [u.email, u.id]));
  const taken = rows.find((r) => !created.has(r.email));
  // Another approval or invitation took the email after the look-up above; on a fresh look the reviewer sees whose it is.
  if (taken) {
    throw new DomainError(`「${taken.unitName}」的管理员邮箱 ${taken.email} 刚刚已被另一项审核或邀请开通为平台账号，本次审核未保存任何内容。请刷新页面，核对该邮箱的归属后重新审核。`, {
      detail: { reason: "email_taken_meanwhile", unitId: taken.unitId, email: taken.email },
    });
  }
  return created;
}
