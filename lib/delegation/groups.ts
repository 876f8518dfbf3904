import "server-only";
// What the city may still hand out in 「分派填报」, county by county: counted for the panel, and the schools' names only
// when the city opens a county or searches (a city has thousands of schools; the page carries none of them).
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { delegatedRowState } from "@/db/schema";
import { registryKey, twoLevelsBelow } from "@/lib/units/tree";

export type RowDelegation = { delegateUnitName: string; state: (typeof delegatedRowState.enumValues)[number] };

/**
 * What the city may still hand out of one county (or, with no county, of the schools directly under the city, 市直属学校):
 * the county's own row with its delegation if any, and its schools counted, free and delegated.
 */
export type DelegableGroup = {
  county: { id: number; name: string; delegation: RowDelegation | null } | null;
  freeSchools: number;
  delegatedSchools: number;
};

type City = { id: number; unitId: number };

/**
 * The active counties and schools below the city (its own bureau's row stays the city's) as `grouped`, for finding the
 * schools still free: each with its county (`county_id`, a county's own; null for a school directly under the city,
 * 市直属学校), its place in the table's order (`path`) and its 分派.
 */
function grouped({ id, unitId }: City): SQL {
  return sql`
    grouped as (
      select u.id, u.name, u.kind, t.path, dr.state, du.name as delegate_name,
             case when u.kind = 'county_bureau' then u.id when t.depth = 2 and p.kind = 'county_bureau' then p.id end as county_id
      from ${twoLevelsBelow(unitId)} t
      join units u on u.id = t.id
      join units p on p.id = t.parent_id
      left join delegated_rows dr on dr.submission_id = ${id} and dr.unit_id = u.id
      left join delegations d on d.id = dr.delegation_id
      left join units du on du.id = d.delegate_unit_id
      where u.kind in ('county_bureau', 'school') and (t.depth = 1 or p.kind = 'county_bureau')
    )`;
}

const COUNTY = z
  .object({ id: z.number().int(), name: z.string(), delegation: z.object({ delegateUnitName: z.string(), state: z.enum(delegatedRowState.enumValues) }).nullable() })
  .nullable();

/**
 * The panel's groups in the table's order, 市直属学校 last: each county with its 分派, and its schools counted. Counted
 * county by county through the parent index, so that a city of thousands of schools reads no school's name or place.
 */
export async function getDelegableGroupsBySubmission({ db, submission: { id, unitId } }: { db: DbOrTx; submission: City }): Promise<DelegableGroup[]> {
  return queryRows(
    db,
    { county: COUNTY, freeSchools: col.int, delegatedSchools: col.int },
    sql`
    with counties as (
      select c.id, c.name, ${registryKey("c")} as key from units c where c.reporting_parent_id = ${unitId} and c.active and c.kind = 'county_bureau'
    ),
    groups as (
      select id as county_id, key from counties
      union all
      select null, null where exists (select 1 from units s where s.reporting_parent_id = ${unitId} and s.active and s.kind = 'school')
    )
    select case when c.id is not null then json_build_object('id', c.id, 'name', c.name, 'delegation', (
             select json_build_object('delegateUnitName', du.name, 'state', dr.state)
             from delegated_rows dr join delegations d on d.id = dr.delegation_id join units du on du.id = d.delegate_unit_id
             where dr.submission_id = ${id} and dr.unit_id = c.id)) end as county,
           n."freeSchools", n."delegatedSchools"
    from groups g
    left join counties c on c.id = g.county_id
    cross join lateral (
      select count(*) filter (where dr.id is null)::int as "freeSchools", count(*) filter (where dr.id is not null)::int as "delegatedSchools"
      from units s left join delegated_rows dr on dr.submission_id = ${id} and dr.unit_id = s.id
      where s.reporting_parent_id = coalesce(g.county_id, ${unitId}) and s.active and s.kind = 'school'
    ) n
    order by g.county_id is null, g.key collate "C"`,
  );
}

export type FreeSchool = { id: number; name: string; countyId: number | null };

/**
 * The schools not yet delegated, in the table's order: of one county (`county`, or "direct" for 市直属学校), those whose
 * name contains `q`, or all of them (「选择全部学校」).
 */
export async function getFreeSchoolsBySubmission({ db, submission, county, q }: { db: DbOrTx; submission: City; county?: number | "direct"; q?: string }): Promise<FreeSchool[]> {
  const inCounty = county === undefined ? sql`` : county === "direct" ? sql`and county_id is null` : sql`and county_id = ${county}`;
  return queryRows(
    db,
    { id: col.int, name: col.text, countyId: col.intOrNull },
    sql`
    with ${grouped(submission)}
    select id, name, county_id as "countyId" from grouped
    where kind = 'school' and state is null ${inCounty} ${q ? sql`and strpos(name, ${q}) > 0` : sql``}
    order by path`,
  );
}
