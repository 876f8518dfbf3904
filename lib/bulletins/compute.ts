import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { Campaign, SubmissionStatus } from "@/db/schema";
import type { BulletinData, BulletinRow, Figures, ReportingUnitRow } from "./figures";

/** The same counts for every grouping, over `facts` (one row per unit covered). */
const FIGURES = sql`
  count(*)::int as expected,
  (count(*) filter (where f.submitted))::int as submitted,
  (count(*) filter (where f.submitted and not f.late))::int as on_time,
  (count(*) filter (where f.submitted and f.late))::int as late,
  (count(*) filter (where not f.submitted))::int as missing,
  (count(*) filter (where f.returned_ever))::int as returned,
  (count(*) filter (where f.approved))::int as approved,
  (count(*) filter (where f.approved and not f.returned_ever))::int as first_pass,
  (count(*) filter (where f.approved or f.returned_ever))::int as reviewed`;

/**
 * The bulletin's figures for a campaign as they stand, in one statement (one consistent view):
 * per reporting unit, and per city for the schools (a province-affiliated school counts in the city
 * its 所在县区代码 lies in). Ranked by approved share, then submitted share, then on-time share.
 */
export async function computeBulletin(db: DbOrTx, campaign: Campaign, now: Date): Promise<BulletinData> {
  const rows = await db.execute(sql`
    with recursive
    lineage(id, top_id) as (
      select id, id from units where reporting_parent_id = (select id from units where reporting_parent_id is null)
      union all
      select c.id, l.top_id from units c join lineage l on c.reporting_parent_id = l.id
    ),
    covered(unit_id, reporting_id) as (
      select a.unit_id, a.unit_id from campaign_assignments a join units u on u.id = a.unit_id and u.active where a.campaign_id = ${campaign.id}
      union all
      select c.id, cv.reporting_id from units c join covered cv on c.reporting_parent_id = cv.unit_id where c.active
    ),
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
      select 'reporting' as grp, grouping(f.reporting_id) = 1 as is_total, f.reporting_id as unit_id,
             max(f.status::text) as status, max(f.submitted_at) as submitted_at, ${FIGURES}
      from facts f group by grouping sets ((f.reporting_id), ())
      union all
      select 'city', grouping(f.city_id) = 1, f.city_id, null, null, ${FIGURES}
      from facts f where f.kind in ('school', 'college') group by grouping sets ((f.city_id), ())
    )
    select g.*, u.name, u.sort_order,
           case when g.is_total then null else rank() over (
             partition by g.grp, g.is_total
             order by g.approved::numeric / nullif(g.expected, 0) desc nulls last, g.submitted::numeric / nullif(g.expected, 0) desc nulls last,
                      g.on_time::numeric / nullif(g.expected, 0) desc nulls last
           ) end as rank
    from grouped g left join units u on u.id = g.unit_id
    order by g.grp, g.is_total, rank, u.sort_order nulls last, u.id`);

  const figures = (r: Record<string, unknown>): Figures => ({
    expected: Number(r.expected),
    submitted: Number(r.submitted),
    onTime: Number(r.on_time),
    late: Number(r.late),
    missing: Number(r.missing),
    returned: Number(r.returned),
    approved: Number(r.approved),
    firstPass: Number(r.first_pass),
    reviewed: Number(r.reviewed),
  });
  const row = (r: Record<string, unknown>): BulletinRow => ({
    ...figures(r),
    rank: Number(r.rank),
    unitId: r.unit_id == null ? null : Number(r.unit_id),
    name: r.unit_id == null ? "所在市无法确定的学校" : String(r.name),
  });
  const empty: Figures = { expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, returned: 0, approved: 0, firstPass: 0, reviewed: 0 };
  const table = (grp: string) => ({
    rows: rows.filter((r) => r.grp === grp && !r.is_total),
    total: rows.find((r) => r.grp === grp && r.is_total),
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
        (r): ReportingUnitRow => ({
          ...row(r),
          status: (r.status as SubmissionStatus | null) ?? null,
          submittedAt: r.submitted_at ? new Date(r.submitted_at as string).toISOString() : null,
        }),
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
