import "server-only";
// What the city may still hand out in 「分派填报」, county by county: counted for the panel, and the schools' names only
// when the city opens a county or searches (a city has thousands of schools; the page carries none of them).
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { delegatedRowState } from "@/db/schema";
import { subtree } from "@/lib/units/tree";

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
 * The active counties and schools below the city (its own bureau's row stays the city's) as `grouped`: each school with
 * the county it follows in the table's order (`county_id`; null for one directly under the city, 市直属学校), and its 分派.
 */
function grouped({ id, unitId }: City): SQL {
  return sql`
    walk as materialized (
      select u.id, u.name, u.kind, t.depth, t.path, dr.state, du.name as delegate_name,
             sum((u.kind = 'county_bureau')::int) over (order by t.path) as grp
      from ${subtree({ roots: unitId, activeOnly: true, ordered: true })} t
      join units u on u.id = t.id
      left join delegated_rows dr on dr.submission_id = ${id} and dr.unit_id = u.id
      left join delegations d on d.id = dr.delegation_id
      left join units du on du.id = d.delegate_unit_id
      where u.kind in ('county_bureau', 'school')
    ),
    grouped as (
      select walk.*, case when kind = 'school' and (depth <= 1 or grp = 0) then null else max(case when kind = 'county_bureau' then id end) over (partition by grp) end as county_id
      from walk
    )`;
}

const COUNTY = z
  .object({ id: z.number().int(), name: z.string(), delegation: z.object({ delegateUnitName: z.string(), state: z.enum(delegatedRowState.enumValues) }).nullable() })
  .nullable();

/** The panel's groups in the table's order, 市直属学校 last: each county with its 分派, and its schools counted. */
export async function getDelegableGroupsBySubmission({ db, submission }: { db: DbOrTx; submission: City }): Promise<DelegableGroup[]> {
  return queryRows(
    db,
    { county: COUNTY, freeSchools: col.int, delegatedSchools: col.int },
    sql`
    with ${grouped(submission)}
    select (array_agg(json_build_object('id', id, 'name', name, 'delegation', case when state is not null then json_build_object('delegateUnitName', delegate_name, 'state', state) end))
              filter (where kind = 'county_bureau'))[1] as county,
           count(*) filter (where kind = 'school' and state is null)::int as "freeSchools",
           count(*) filter (where kind = 'school' and state is not null)::int as "delegatedSchools"
    from grouped
    group by county_id
    order by county_id is null, min(path)`,
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
