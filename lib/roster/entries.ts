// One stored row of the table, read by its key and shown with its warnings: the table page reads
// every row this way in one query, a row save reads back the row it wrote. Free of "server-only",
// because commands run it inside their transactions and commands load outside Next.js too.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import type { RosterRow } from "./queries";
import { SCHOOL_CODE_CATEGORIES, SCHOOL_CODE_PROVINCE, schoolCodeWarnings } from "./rules";

/** A stored row's fields, as `entryJson` builds them. */
export const ENTRY = {
  name: col.text,
  position: col.text,
  phone: col.text,
  email: col.text,
  schoolCode: col.textOrNull,
  version: col.int,
  updatedAt: col.instant,
  updatedByName: col.textOrNull,
};

/** The row `roster_entries e` (last written by `users ub`) as json in the shape of ENTRY and `more`; null where there is none. */
export function entryJson(more: SQL = sql``): SQL {
  return sql`case when e.id is not null then json_build_object(
    'name', e.name, 'position', e.position, 'phone', e.phone, 'email', e.email, 'schoolCode', e.school_code,
    'version', e.version, 'updatedAt', e.updated_at, 'updatedByName', ub.name${more}) end`;
}

/** SQL true when another unit's row in the campaign of `roster_entries e` has its email (or phone): one probe of roster_entries_campaign_…_idx. */
export function sharedWithAnotherUnit(field: "email" | "phone"): SQL {
  const column = sql.identifier(field);
  return sql`exists (select 1 from roster_entries o where o.campaign_id = e.campaign_id and o.${column} = e.${column} and o.unit_id <> e.unit_id)`;
}

/**
 * The warnings rowWarnings gives a stored row `roster_entries e` of a covered unit `units u`, one SQL boolean each (a check
 * constraint keeps every stored school code 10 digits, so schoolCodeWarnings' own check needs no SQL).
 */
const WARNING_TERMS: SQL[] = [
  sql`(e.school_code is not null and substr(e.school_code, 3, 2) <> ${SCHOOL_CODE_PROVINCE})`,
  sql`(e.school_code is not null and substr(e.school_code, 1, 2) not in (${sql.join(SCHOOL_CODE_CATEGORIES.map((c) => sql`${c}`), sql`, `)}))`,
  sql`(e.school_code is not null and u.school_code is not null and e.school_code <> u.school_code)`,
  sharedWithAnotherUnit("email"),
  sharedWithAnotherUnit("phone"),
];

/**
 * How many flags a covered unit `units u` raises with its row `roster_entries e`: one when it has no row, else one for each
 * warning rowWarnings gives. In SQL, so that the review queue counts every submission's flags in one query.
 */
export const ROW_FLAGS = sql`case when e.id is null then 1 else ${sql.join(WARNING_TERMS.map((w) => sql`${w}::int`), sql` + `)} end`;

/** SQL true when the table filter calls the row of `units u` 有问题 (rowFillStates' flagged): a warning, or a 退回 reason. */
export const ROW_FLAGGED = sql`(e.id is not null and (coalesce(e.return_reason, '') <> '' or ${sql.join(WARNING_TERMS, sql` or `)}))`;

/**
 * SQL true when the review calls the row of `units u` 有问题: no row, a warning, or its email already another unit's
 * account (getReviewForActor's duplicates name which).
 */
export const REVIEW_FLAGGED = sql`(e.id is null or ${sql.join(WARNING_TERMS, sql` or `)}
  or exists (select 1 from users us where lower(us.email) = e.email and us.unit_id <> e.unit_id))`;

/** The stored row as the table shows it: ENTRY with its id, 退回 reason and the unit of its last writer (a delegate's, under 分派填报). */
export const ROW_ENTRY = col.object({ ...ENTRY, id: col.int, returnReason: col.textOrNull, updatedByUnitName: col.textOrNull }).nullable();

/** ROW_ENTRY's json, over `roster_entries e` joined with WRITER_JOINS. */
export const rowEntryJson = (): SQL => entryJson(sql`, 'id', e.id, 'returnReason', e.return_reason, 'updatedByUnitName', ubu.name`);

/** The last writer `users ub` of `roster_entries e`, and its unit `units ubu`. */
export const WRITER_JOINS = sql`left join users ub on ub.id = e.updated_by left join units ubu on ubu.id = ub.unit_id`;

export function withWarnings<R extends { entry: { schoolCode: string | null } | null; registrySchoolCode: string | null; dupEmail: boolean; dupPhone: boolean }>({
  dupEmail,
  dupPhone,
  ...row
}: R): Omit<R, "dupEmail" | "dupPhone"> & { warnings: string[] } {
  return { ...row, warnings: row.entry ? rowWarnings({ entry: row.entry, registrySchoolCode: row.registrySchoolCode, dupEmail, dupPhone }) : [] };
}

/** One unit's stored row with its warnings, as a save leaves it: read by key, so a save never walks the table. */
export async function getRosterEntryByUnit({ db, campaignId, unitId }: { db: DbOrTx; campaignId: number; unitId: number }): Promise<Pick<RosterRow, "entry" | "warnings">> {
  const row = await queryRow(
    db,
    { registrySchoolCode: col.textOrNull, entry: ROW_ENTRY, dupEmail: col.bool, dupPhone: col.bool },
    sql`
    select u.school_code as "registrySchoolCode", ${rowEntryJson()} as entry,
           ${sharedWithAnotherUnit("email")} as "dupEmail", ${sharedWithAnotherUnit("phone")} as "dupPhone"
    from units u
    left join roster_entries e on e.campaign_id = ${campaignId} and e.unit_id = u.id
    ${WRITER_JOINS}
    where u.id = ${unitId}`,
  );
  if (!row) throw new Error(`unit ${unitId} not found`);
  const { entry, warnings } = withWarnings(row);
  return { entry, warnings };
}

function rowWarnings({
  entry,
  registrySchoolCode,
  dupEmail,
  dupPhone,
}: {
  entry: { schoolCode: string | null };
  registrySchoolCode: string | null;
  dupEmail: boolean;
  dupPhone: boolean;
}): string[] {
  const warnings = entry.schoolCode ? schoolCodeWarnings(entry.schoolCode) : [];
  if (entry.schoolCode && registrySchoolCode && entry.schoolCode !== registrySchoolCode)
    warnings.push(`学校标识码与单位库登记的 ${registrySchoolCode} 不一致，请核对`);
  if (dupEmail) warnings.push("该邮箱也出现在本次报送的其他单位中，请确认是否为同一人兼任");
  if (dupPhone) warnings.push("该联系电话也出现在本次报送的其他单位中，请确认是否为同一人兼任");
  return warnings;
}
