import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type Campaign, submissionStatus } from "@/db/schema";
import { FIGURE_COUNTS, FIGURE_ROW, figuresOf, rowReturnedEver, tableFacts } from "@/lib/campaigns/figure-counts";
import { NO_FIGURES } from "@/lib/campaigns/figures";
import { subtree } from "@/lib/units/tree";
import type { BulletinData, BulletinRow, ReportingUnitRow } from "./figures";
import { bulletinCampaign } from "./freeze";

/**
 * The bulletin's figures for a campaign as they stand, in one statement (one consistent view): the
 * province's totals counted in tables and in units covered, then per reporting unit and per city's
 * schools, counted in units covered. A city's schools are those its own table covers; province-affiliated
 * schools submit their own tables and count under none. Ranked by approved share, then submitted share,
 * then on-time share.
 */
export async function computeBulletin(db: DbOrTx, campaign: Campaign, now: Date): Promise<BulletinData> {
  const assigned = sql`(select unit_id from campaign_assignments where campaign_id = ${campaign.id})`;
  const rows = await queryRows(
    db,
    {
      grp: col.oneOf(["table", "reporting", "city"]),
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
    tables as materialized ${tableFacts(campaign.id)},
    covered as (select id as unit_id, root_id as reporting_id from ${subtree({ roots: assigned, activeOnly: true })} c),
    facts as (
      select cv.unit_id, cv.reporting_id, u.kind, r.kind as reporting_kind, t.status, t.submitted_at, t.submitted, t.late, t.approved,
             ${rowReturnedEver(sql`t.submission_id`, sql`cv.unit_id`)} as returned_ever
      from covered cv
      join units u on u.id = cv.unit_id
      join units r on r.id = cv.reporting_id
      join tables t on t.reporting_id = cv.reporting_id
    ),
    grouped as (
      select 'table' as grp, true as "isTotal", null::int as "unitId", null as status, null::timestamptz as "submittedAt", ${FIGURE_COUNTS}
      from tables f
      union all
      select 'reporting', grouping(f.reporting_id) = 1, f.reporting_id, max(f.status::text), max(f.submitted_at), ${FIGURE_COUNTS}
      from facts f group by grouping sets ((f.reporting_id), ())
      union all
      select 'city', grouping(f.reporting_id) = 1, f.reporting_id, null, null, ${FIGURE_COUNTS}
      from facts f where f.kind in ('school', 'college') and f.reporting_kind not in ('school', 'college')
      group by grouping sets ((f.reporting_id), ())
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
  const row = (r: Row): BulletinRow => ({ ...figuresOf(r), rank: r.rank ?? 0, unitId: r.unitId, name: r.name ?? "" });
  const table = (grp: Row["grp"]) => {
    const total = rows.find((r) => r.grp === grp && r.isTotal);
    return { rows: rows.filter((r) => r.grp === grp && !r.isTotal), total: total ? figuresOf(total) : NO_FIGURES };
  };
  const reporting = table("reporting");
  const city = table("city");

  return {
    campaign: bulletinCampaign(campaign),
    generatedAt: now.toISOString(),
    overview: { reporting: table("table").total, covered: reporting.total },
    reportingUnits: {
      rows: reporting.rows.map((r): ReportingUnitRow => ({ ...row(r), status: r.status, submittedAt: r.submittedAt?.toISOString() ?? null })),
      total: reporting.total,
    },
    citySchools: { rows: city.rows.map(row), total: city.total },
  };
}
