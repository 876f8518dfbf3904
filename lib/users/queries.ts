import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { type Role, role, type UnitKind, unitKind, userStatus, type UserStatus } from "@/db/schema";
import { unitsInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { assertPermission } from "@/lib/core/policy";
import { ROLES } from "@/lib/core/roles";
import { containsPattern } from "@/lib/search";
import { getActiveUnitOptions } from "@/lib/registry/queries";
import { rolesForUnitKind } from "./invite";
import { managesAccount, maskPhone, shownStatus } from "./rules";

export const USER_PAGE_SIZE = 50;

const STATUSES = ["invited", "active", "locked", "disabled"] as const satisfies readonly UserStatus[];
const optionalText = z
  .string()
  .transform((v) => v.normalize("NFKC").trim().slice(0, 100) || undefined)
  .optional()
  .catch(undefined);

/** The list's filter, from the URL; anything malformed is dropped. */
export const userFilterSchema = z.object({
  /** Name, email or unit name. */
  q: optionalText,
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type UserFilter = z.output<typeof userFilterSchema>;

/** What the province sees of an account: never a password hash, and the phone masked. */
export type UserSummary = {
  id: number;
  email: string;
  name: string;
  phone: string | null;
  role: Role;
  status: UserStatus;
  unitId: number;
  unitName: string;
  lastLoginAt: Date | null;
  createdAt: Date;
};

const SUMMARY = {
  id: col.int,
  email: col.text,
  name: col.text,
  phone: col.textOrNull,
  role: col.oneOf(role.enumValues),
  status: col.oneOf(userStatus.enumValues),
  lockedUntil: col.instantOrNull,
  unitId: col.int,
  unitName: col.text,
  lastLoginAt: col.instantOrNull,
  createdAt: col.instant,
};

const COLUMNS = sql`u.id, u.email, u.name, u.phone, u.role, u.status, u.locked_until as "lockedUntil", u.unit_id as "unitId", n.name as "unitName",
  u.last_login_at as "lastLoginAt", u.created_at as "createdAt"`;

function summaryOf({ lockedUntil, ...r }: z.output<z.ZodObject<typeof SUMMARY>>, now: Date): UserSummary {
  return { ...r, phone: maskPhone(r.phone), status: shownStatus({ status: r.status, lockedUntil }, now) };
}

function conditions(actor: Actor, filter: UserFilter, now: Date): SQL {
  const where: SQL[] = [sql`u.unit_id in ${unitsInScope(actor)}`];
  if (filter.q) {
    const q = containsPattern(filter.q);
    where.push(sql`(u.name ilike ${q} or u.email ilike ${q} or n.name ilike ${q})`);
  }
  if (filter.role) where.push(sql`u.role = ${filter.role}`);
  const locked = sql`(u.status = 'locked' or (u.status = 'active' and u.locked_until > ${now.toISOString()}::timestamptz))`;
  if (filter.status === "locked") where.push(locked);
  else if (filter.status === "active") where.push(sql`u.status = 'active' and not ${locked}`);
  else if (filter.status) where.push(sql`u.status = ${filter.status}`);
  return sql.join(where, sql` and `);
}

export async function getUserPage({ db, actor, filter, now }: { db: DbOrTx; actor: Actor; filter: UserFilter; now: Date }) {
  assertPermission(actor, "users.manage");
  const where = conditions(actor, filter, now);
  const [{ total }] = await queryRows(db, { total: col.int }, sql`select count(*)::int as total from users u join units n on n.id = u.unit_id where ${where}`);
  const pageCount = Math.max(1, Math.ceil(total / USER_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const rows = await queryRows(
    db,
    SUMMARY,
    sql`
    select ${COLUMNS} from users u join units n on n.id = u.unit_id
    where ${where}
    order by u.created_at desc, u.id desc
    limit ${USER_PAGE_SIZE} offset ${(page - 1) * USER_PAGE_SIZE}`,
  );
  return { rows: rows.map((r) => summaryOf(r, now)), total, page, pageCount };
}

export type UserDetail = UserSummary & {
  unitKind: UnitKind;
  lockedUntil: Date | null;
  failedLoginCount: number;
  openSessions: number;
  /** When the newest unused activation link runs out (invited accounts). */
  activationExpiresAt: Date | null;
  /** When the account enrolled its second factor; null when it has none. */
  secondFactorEnrolledAt: Date | null;
};

export async function getUserById({ db, actor, userId, now }: { db: DbOrTx; actor: Actor; userId: number; now: Date }): Promise<UserDetail | null> {
  assertPermission(actor, "users.manage");
  const row = await queryRow(
    db,
    {
      ...SUMMARY,
      unitKind: col.oneOf(unitKind.enumValues),
      failedLoginCount: col.int,
      openSessions: col.int,
      activationExpiresAt: col.instantOrNull,
      secondFactorEnrolledAt: col.instantOrNull,
    },
    sql`
    select ${COLUMNS}, n.kind as "unitKind", u.failed_login_count as "failedLoginCount",
           (select count(*)::int from user_sessions s where s.user_id = u.id and s.ended_at is null) as "openSessions",
           (select max(t.expires_at) from user_tokens t
             where t.user_id = u.id and t.purpose = 'activation' and t.used_at is null and t.revoked_at is null) as "activationExpiresAt",
           (select f.enrolled_at from user_second_factors f where f.user_id = u.id) as "secondFactorEnrolledAt"
    from users u join units n on n.id = u.unit_id
    where u.id = ${userId} and u.unit_id in ${unitsInScope(actor)}`,
  );
  if (!row) return null;
  const { unitKind: kind, failedLoginCount, openSessions, activationExpiresAt, lockedUntil, secondFactorEnrolledAt } = row;
  return { ...summaryOf(row, now), unitKind: kind, lockedUntil, failedLoginCount, openSessions, activationExpiresAt, secondFactorEnrolledAt };
}

/** The units an account may belong to, each with the roles an account there may have that the actor manages. */
export async function getAccountUnitChoices({ db, actor }: { db: DbOrTx; actor: Actor }) {
  const units = await getActiveUnitOptions({ db, actor, for: "users.manage" });
  return units.map((u) => ({ ...u, roles: rolesForUnitKind(u.kind).filter((r) => managesAccount(actor.role, r)) })).filter((u) => u.roles.length > 0);
}
