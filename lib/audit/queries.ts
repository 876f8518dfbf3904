import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { AuditOutcome, Role } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertRole } from "@/lib/authz/roles";
import { containsPattern, prefixPattern } from "@/lib/search";
import { type AuditFilter, boundInstant } from "./schemas";

/** Only the audit administrator reads the log (等保 三权分立). */
export const AUDIT_READERS = ["auditor"] as const;
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

function conditions(filter: AuditFilter): SQL {
  const where: SQL[] = [sql`true`];
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

async function selectRows(db: DbOrTx, filter: AuditFilter, { limit, offset }: { limit: number; offset: number }): Promise<AuditRow[]> {
  const rows = await db.execute(sql`
    select a.id, a.at, a.user_id, u.name as user_name, u.email as user_email, a.role, a.unit_id, un.name as unit_name,
           a.action, a.target_type, a.target_id, a.outcome, a.ip, a.detail
    from audit_log a
    left join users u on u.id = a.user_id
    left join units un on un.id = a.unit_id
    where ${conditions(filter)}
    order by a.at desc, a.id desc
    limit ${limit} offset ${offset}`);
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at as string),
    userId: r.user_id == null ? null : Number(r.user_id),
    userName: (r.user_name as string | null) ?? null,
    userEmail: (r.user_email as string | null) ?? null,
    role: (r.role as Role | null) ?? null,
    unitId: r.unit_id == null ? null : Number(r.unit_id),
    unitName: (r.unit_name as string | null) ?? null,
    action: String(r.action),
    targetType: (r.target_type as string | null) ?? null,
    targetId: (r.target_id as string | null) ?? null,
    outcome: r.outcome as AuditOutcome,
    ip: (r.ip as string | null) ?? null,
    detail: (r.detail as Record<string, unknown>) ?? {},
  }));
}

export async function countAuditRows({ db, actor, filter }: { db: DbOrTx; actor: Actor; filter: AuditFilter }): Promise<number> {
  assertRole(actor, AUDIT_READERS);
  const [row] = await db.execute<{ total: number }>(sql`select count(*)::int as total from audit_log a where ${conditions(filter)}`);
  return row.total;
}

/** One page of the log, newest first. */
export async function getAuditPage({ db, actor, filter }: { db: DbOrTx; actor: Actor; filter: AuditFilter }) {
  const total = await countAuditRows({ db, actor, filter });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const rows = await selectRows(db, filter, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
  return { rows, total, page, pageCount };
}

/** Every row of a search, for the export; null when there are more than the export takes. */
export async function getAuditRowsForExport({ db, actor, filter }: { db: DbOrTx; actor: Actor; filter: AuditFilter }): Promise<AuditRow[] | null> {
  assertRole(actor, AUDIT_READERS);
  const rows = await selectRows(db, filter, { limit: AUDIT_EXPORT_MAX_ROWS + 1, offset: 0 });
  return rows.length > AUDIT_EXPORT_MAX_ROWS ? null : rows;
}
