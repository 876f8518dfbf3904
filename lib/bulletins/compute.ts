import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type Campaign, submissionStatus } from "@/db/schema";
import { subtree } from "@/lib/units/tree";
import type { BulletinData, BulletinRow, Figures, ReportingUnitRow } from "./figures";

const FIGURE_ROW = {
  expected: col.int,
  submitted: col.int,
  onTime: col.int,
  late: col.int,
  missing: col.int,
  returned: col.int,
  approved: col.int,
  firstPass: col.int,
  reviewed: col.int,
};

/** The same counts for every grouping, over `facts` (one row per unit covered). */
const FIGURES = sql`
  count(*)::int as expected,
  (count(*) filter (where f.submitted))::int as submitted,
  (count(*) filter (where f.submitted and not f.late))::int as "onTime",
  (count(*) filter (where f.submitted and f.late))::int as late,
  (count(*) filter (where not f.submitted))::int as missing,
  (count(*) filter (where f.returned_ever))::int as returned,
  (count(*) filter (where f.approved))::int as approved,
  (count(*) filter (where f.approved and not f.returned_ever))::int as "firstPass",
  (count(*) filter (where f.approved or f.returned_ever))::int as reviewed`;

/**
 * The bulletin's figures for a campaign as they stand, in one statement (one consistent view):
 * per reporting unit, and per city for the schools (a province-affiliated school counts in the city
 * its 所在县区代码 lies in). Ranked by approved share, then submitted share, then on-time share.
 */
export async function computeBulletin(db: DbOrTx, campaign: Campaign, now: Date): Promise<BulletinData> {
  const topLevel = sql`(select id from units where reporting_parent_id = ${campaign.ownerUnitId})`;
  const assigned = sql`(select unit_id from campaign_assignments where campaign_id = ${campaign.id})`;
  const rows = await queryRows(
    db,
    {
      grp: col.oneOf(["reporting", "city"]),
      isTotal: col.bool,
      unitId: col.intOrNull,
      status: col.oneOf(submissionStatus.enumValues).nullable(),
      submittedAt: col.instantOrNull,
      name: col.textOrNull,
      rank: col.intOrNull,
      ...FIGURE_ROW,
    },
    sql`
    with
    lineage as (select id, root_id as top_id from ${subtree({ roots: topLevel, activeOnly: false })} l),
    covered as (select id as unit_id, root_id as reporting_id from ${subtree({ roots: assigned, activeOnly: true })} c),
    state as (
      select s.unit_id as reporting_id, s.status, s.late, s.submitted_at,
             exists (select 1 from submission_events e where e.submission_id = s.id and e.action = 'returned') as returned_ever
      from submissions s where s.campaign_id = ${campaign.id}
    ),
    facts as (
      select cv.unit_id, cv.reporting_id, u.kind, st.status, st.submitted_at,
             coalesce(st.status in ('submitted', 'returned', 'approved'), false) as submitted,
             coalesce(st.status in ('submitted', 'returned', 'approved') and st.late, false) as late,
             coalesce(st.returned_ever, false) as returned_ever,
             coalesce(st.status = 'approved', false) as approved,
             case when top.kind = 'city_bureau' then top.id
                  else (select l2.top_id from units d join lineage l2 on l2.id = d.id join units t2 on t2.id = l2.top_id and t2.kind = 'city_bureau'
                        where d.code = u.division_code limit 1)
             end as city_id
      from covered cv
      join units u on u.id = cv.unit_id
      join lineage l on l.id = cv.unit_id
      join units top on top.id = l.top_id
      left join state st on st.reporting_id = cv.reporting_id
    ),
    grouped as (
      select 'reporting' as grp, grouping(f.reporting_id) = 1 as "isTotal", f.reporting_id as "unitId",
             max(f.status::text) as status, max(f.submitted_at) as "submittedAt", ${FIGURES}
      from facts f group by grouping sets ((f.reporting_id), ())
      union all
      select 'city', grouping(f.city_id) = 1, f.city_id, null, null, ${FIGURES}
      from facts f where f.kind in ('school', 'college') group by grouping sets ((f.city_id), ())
    )
    select g.*, u.name,
           case when g."isTotal" then null else rank() over (
             partition by g.grp, g."isTotal"
             order by g.approved::numeric / nullif(g.expected, 0) desc nulls last, g.submitted::numeric / nullif(g.expected, 0) desc nulls last,
                      g."onTime"::numeric / nullif(g.expected, 0) desc nulls last
           ) end as rank
    from grouped g left join units u on u.id = g."unitId"
    order by g.grp, g."isTotal", rank, u.sort_order nulls last, u.id`,
  );

  type Row = (typeof rows)[number];
  const figures = (r: Row): Figures => ({
    expected: r.expected,
    submitted: r.submitted,
    onTime: r.onTime,
    late: r.late,
    missing: r.missing,
    returned: r.returned,
    approved: r.approved,
    firstPass: r.firstPass,
    reviewed: r.reviewed,
  });
  const row = (r: Row): BulletinRow => ({
    ...figures(r),
    rank: r.rank ?? 0,
    unitId: r.unitId,
    name: r.name ?? "所在市无法确定的学校",
  });
  const empty: Figures = { expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, returned: 0, approved: 0, firstPass: 0, reviewed: 0 };
  const table = (grp: Row["grp"]) => ({
    rows: rows.filter((r) => r.grp === grp && !r.isTotal),
    total: rows.find((r) => r.grp === grp && r.isTotal),
  });
  const reporting = table("reporting");
  const city = table("city");

  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      docNumber: campaign.docNumber,
      issuer: campaign.issuer,
      deadline: campaign.deadline.toISOString(),
      salutation: salutationOf(campaign.body),
    },
    generatedAt: now.toISOString(),
    reportingUnits: {
      rows: reporting.rows.map(
        (r): ReportingUnitRow => ({ ...row(r), status: r.status, submittedAt: r.submittedAt?.toISOString() ?? null }),
      ),
      total: reporting.total ? figures(reporting.total) : empty,
    },
    citySchools: { rows: city.rows.map(row), total: city.total ? figures(city.total) : empty },
  };
}

/** The notice's 主送 line (its first paragraph, ending in a colon), which the bulletin is addressed to as well. */
function salutationOf(body: string): string | null {
  const first = body.trim().split(/\n/)[0]?.trim() ?? "";
  return /[：:]$/.test(first) && first.length <= 200 ? first : null;
}
