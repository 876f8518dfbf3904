import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type AuditOutcome, auditOutcome, type Role, role } from "@/db/schema";
import { col, queryRows } from "@/db/rows";
import { unitsInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { recordRead } from "@/lib/core/audit";
import { assertPermission } from "@/lib/core/policy";
import { containsPattern, prefixPattern } from "@/lib/search";
import { type AuditFilter, boundInstant, searchOf } from "./schemas";

export const AUDIT_PAGE_SIZE = 50;
/** An export larger than this is refused: narrow the time range instead. */
export const AUDIT_EXPORT_MAX_ROWS = 20_000;

export type AuditRow = {
  id: number;
  at: Date;
  userId: number | null;
  userName: string | null;
  userEmail: string | null;
  role: Role | null;
  unitId: number | null;
  unitName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  detail: Record<string, unknown>;
};

/** The log of the auditor's province: rows of its units, and those no unit is known for (a sign-in with an unknown email). */
function conditions(actor: Actor, filter: AuditFilter): SQL {
  const where: SQL[] = [sql`(a.unit_id is null or a.unit_id in ${unitsInScope(actor)})`];
  if (filter.from) where.push(sql`a.at >= ${boundInstant(filter.from, "from").toISOString()}::timestamptz`);
  if (filter.to) where.push(sql`a.at < ${boundInstant(filter.to, "to").toISOString()}::timestamptz`);
  if (filter.user) where.push(sql`a.user_id in (select id from users where name ilike ${containsPattern(filter.user)} or email ilike ${containsPattern(filter.user)})`);
  if (filter.unit) where.push(sql`a.unit_id in (select id from units where name ilike ${containsPattern(filter.unit)} or code ilike ${prefixPattern(filter.unit)})`);
  if (filter.action) where.push(sql`a.action ilike ${prefixPattern(filter.action)}`);
  if (filter.targetType) where.push(sql`a.target_type = ${filter.targetType}`);
  if (filter.targetId) where.push(sql`a.target_id = ${filter.targetId}`);
  if (filter.outcome) where.push(sql`a.outcome = ${filter.outcome}`);
  return sql.join(where, sql` and `);
}

const AUDIT_ROW = {
  id: col.int,
  at: col.instant,
  userId: col.intOrNull,
  userName: col.textOrNull,
  userEmail: col.textOrNull,
  role: col.oneOf(role.enumValues).nullable(),
  unitId: col.intOrNull,
  unitName: col.textOrNull,
  action: col.text,
  targetType: col.textOrNull,
  targetId: col.textOrNull,
  outcome: col.oneOf(auditOutcome.enumValues),
  ip: col.textOrNull,
  detail: col.json<Record<string, unknown>>(),
};

async function selectRows(db: DbOrTx, actor: Actor, filter: AuditFilter, { limit, offset }: { limit: number; offset: number }): Promise<AuditRow[]> {
  return queryRows(
    db,
    AUDIT_ROW,
    sql`
    select a.id, a.at, a.user_id as "userId", u.name as "userName", u.email as "userEmail", a.role, a.unit_id as "unitId", un.name as "unitName",
           a.action, a.target_type as "targetType", a.target_id as "targetId", a.outcome, a.ip, a.detail
    from audit_log a
    left join users u on u.id = a.user_id
    left join units un on un.id = a.unit_id
    where ${conditions(actor, filter)}
    order by a.at desc, a.id desc
    limit ${limit} offset ${offset}`,
  );
}

export async function countAuditRows({ db, actor, filter }: { db: DbOrTx; actor: Actor; filter: AuditFilter }): Promise<number> {
  assertPermission(actor, "audit.read");
  const [row] = await queryRows(db, { total: col.int }, sql`select count(*)::int as total from audit_log a where ${conditions(actor, filter)}`);
  return row.total;
}

/** One page of the log, newest first; the search itself goes into the log (after the read, so it is not among its own results). */
export async function getAuditPage({ db, actor, filter, ip, now }: { db: DbOrTx; actor: Actor; filter: AuditFilter; ip: string | null; now: Date }) {
  const total = await countAuditRows({ db, actor, filter });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const rows = await selectRows(db, actor, filter, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
  await recordRead(db, actor, { action: "audit.search", targetType: "audit_log", detail: { search: searchOf(filter), page, total }, ip, at: now });
  return { rows, total, page, pageCount };
}

/** Every row of a search, for the export; null when there are more than the export takes. */
export async function getAuditRowsForExport({ db, actor, filter }: { db: DbOrTx; actor: Actor; filter: AuditFilter }): Promise<AuditRow[] | null> {
  assertPermission(actor, "audit.read");
  const rows = await selectRows(db, actor, filter, { limit: AUDIT_EXPORT_MAX_ROWS + 1, offset: 0 });
  return rows.length > AUDIT_EXPORT_MAX_ROWS ? null : rows;
}
