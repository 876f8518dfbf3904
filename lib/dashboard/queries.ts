import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { col, intArray, queryPreparedRows, queryRows } from "@/db/rows";
import { campaignStatus, type CampaignStatus, unitKind, type UnitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { isCampaignInScope } from "@/lib/authz/scope";
import { hasOversightScope } from "@/lib/core/roles";
import { keptSubtreeCounts, subtree } from "@/lib/units/tree";
import { FIGURE_COUNTS, FIGURE_ROW, tableFacts } from "@/lib/campaigns/figure-counts";
import type { Figures } from "@/lib/campaigns/figures";
import { type Progress, PROGRESSES } from "./progress";

export type DashboardCampaign = { id: number; title: string; docNumber: string; deadline: Date; status: CampaignStatus };

export type DashboardLine = {
  unitId: number;
  unitName: string;
  unitKind: UnitKind;
  progress: Progress;
  rowsFilled: number;
  rowsExpected: number;
  submittedAt: Date | null;
  overdue: boolean;
  /** Still owes something: shown in 「未报名单」 with 「催报」. */
  missing: boolean;
  /** The last reminder, overdue notice or 「催报」 actually sent to the unit. */
  lastReminderAt: Date | null;
};

export type DashboardTotals = { units: number; missing: number; overdue: number; rowsFilled: number; rowsExpected: number; byProgress: Record<Progress, number> };

/** One bar of the completion chart: a city (or, on the province's chart, all province-affiliated schools together). */
export type CompletionBar = { label: string; rowsFilled: number; rowsExpected: number; units: number; done: number };

export type Dashboard = {
  campaign: DashboardCampaign;
  /** province: one line per reporting unit; city: the city's own row and one line per county or school under it. */
  scope: "province" | "city";
  /** For a city: its own table as the province sees it. */
  reporting: DashboardLine | null;
  lines: DashboardLine[];
  totals: DashboardTotals;
  /** The province's: its reporting units counted as the bulletin counts them (报送单位); null for a city. */
  figures: Figures | null;
  bars: CompletionBar[];
};

/** The province's dashboards, and each city's for its own table. */
function canSeeDashboards(actor: Actor): boolean {
  return may(actor.role, "dashboard.read");
}

/**
 * Campaigns the actor can follow, published or closed: a province's own (every province's for the
 * ministry viewer), a city's those assigned to it.
 */
export async function getDashboardCampaignsByActor({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<DashboardCampaign[]> {
  if (!canSeeDashboards(actor)) return [];
  return queryRows(
    db,
    { id: col.int, title: col.text, docNumber: col.text, deadline: col.instant, status: col.oneOf(campaignStatus.enumValues) },
    sql`
    select c.id, c.title, c.doc_number as "docNumber", c.deadline, c.status from campaigns c
    where c.status <> 'draft' and c.kind = 'roster'
      and ${hasOversightScope(actor.role) ? isCampaignInScope(actor, sql`c.owner_unit_id`) : sql`exists (select 1 from campaign_assignments a where a.campaign_id = c.id and a.unit_id = ${actor.unitId})`}
    order by c.deadline desc, c.id desc`,
  );
}

/** The dashboard of one campaign as the actor may see it, or null (the page answers 404). */
export async function getDashboardByActor({ db, actor, campaignId, now }: { db: Db; actor: Actor; campaignId: number; now: Date }): Promise<Dashboard | null> {
  const campaign = (await getDashboardCampaignsByActor({ db, actor })).find((c) => c.id === campaignId);
  if (!campaign) return null;
  const at = sql`${now.toISOString()}::timestamptz`;
  return hasOversightScope(actor.role)
    ? { campaign, scope: "province", ...(await summarize(db, reportingLines(campaignId, at), { scope: "province" })) }
    : { campaign, scope: "city", ...(await summarize(db, coveredLines(campaignId, at, actor.unitId), { scope: "city" })) };
}

/** When an email of these kinds was last actually sent to the unit `u` of the enclosing query. */
function lastSent(campaignId: number, kinds: string[]): SQL {
  return sql`(select max(o.sent_at) from email_outbox o
    where o.unit_id = u.id and o.campaign_id = ${campaignId} and o.status = 'sent'
      and o.kind in (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )}))`;
}

/** A reporting unit's line from `counts` (its whole table): status, lateness, reminders, and its bar of the chart. */
function reportingLine(campaignId: number, at: SQL, where: SQL): SQL {
  return sql`
    select u.id as unit_id, u.name as unit_name, u.kind as unit_kind, u.sort_order,
           counts.expected, counts.filled, s.submitted_at,
           case when s.status <> 'draft' then s.status::text
                when counts.filled = 0 and s.filler_name is null then 'not_started'
                else 'in_progress' end as progress,
           coalesce(s.status::text, 'draft') in ('draft', 'returned') as missing,
           coalesce(s.late, false) or (coalesce(s.status::text, 'draft') in ('draft', 'returned') and ${at} > c.deadline) as overdue,
           ${lastSent(campaignId, ["reminder", "overdue", "urge"])} as last_reminder_at,
           case when u.kind = 'city_bureau' then u.id end as bar_id,
           case when u.kind = 'city_bureau' then u.name else '省属学校及高职院校' end as bar_label,
           (u.kind <> 'city_bureau') as bar_last
    from counts
    join units u on u.id = counts.root_id
    join campaigns c on c.id = ${campaignId}
    left join submissions s on s.campaign_id = ${campaignId} and s.unit_id = u.id
    where ${where}`;
}

/** The province's view: one line per reporting unit, and its tables (`tables`). The chart groups cities one by one and the rest together. */
function reportingLines(campaignId: number, at: SQL): SQL {
  return sql`
    ${keptSubtreeCounts(campaignId, sql`(select unit_id from campaign_assignments where campaign_id = ${campaignId})`)},
    lines as (${reportingLine(campaignId, at, sql`true`)}),
    tables as ${tableFacts(campaignId)}`;
}

/**
 * A city's view: its table as the province sees it (`reporting`), then its own row and one line per
 * unit directly under it, each counting that unit's own subtree.
 */
function coveredLines(campaignId: number, at: SQL, cityUnitId: number): SQL {
  return sql`
    ${keptSubtreeCounts(campaignId, sql`(select id from units where id = ${cityUnitId} or reporting_parent_id = ${cityUnitId})`)},
    reporting as (${reportingLine(campaignId, at, sql`u.id = ${cityUnitId}`)}),
    covered as (
      select root_id, expected, filled from counts where root_id <> ${cityUnitId}
      union all
      select ${cityUnitId}, 1, count(*)::int from roster_entries where campaign_id = ${campaignId} and unit_id = ${cityUnitId}
    ),
    own as (
      select s.status, s.submitted_at, s.late, c.deadline from campaigns c
      left join submissions s on s.campaign_id = c.id and s.unit_id = ${cityUnitId}
      where c.id = ${campaignId}
    ),
    lines as (
      select u.id as unit_id, u.name as unit_name, u.kind as unit_kind, u.sort_order,
             covered.expected, covered.filled, own.submitted_at,
             case when own.status <> 'draft' then own.status::text
                  when covered.filled = 0 then 'not_started'
                  when covered.filled < covered.expected then 'in_progress'
                  else 'complete' end as progress,
             covered.filled < covered.expected and coalesce(own.status::text, 'draft') in ('draft', 'returned') as missing,
             covered.filled < covered.expected and coalesce(own.status::text, 'draft') in ('draft', 'returned') and ${at} > own.deadline as overdue,
             ${lastSent(campaignId, ["urge"])} as last_reminder_at,
             u.id as bar_id, u.name as bar_label, (u.id = ${cityUnitId}) as bar_last
      from covered cross join own
      join units u on u.id = covered.root_id
    )`;
}

const LINE = {
  unitId: col.int,
  unitName: col.text,
  unitKind: col.oneOf(unitKind.enumValues),
  progress: col.oneOf(PROGRESSES),
  rowsFilled: col.int,
  rowsExpected: col.int,
  submittedAt: col.instantOrNull,
  overdue: col.bool,
  missing: col.bool,
  lastReminderAt: col.instantOrNull,
};

/** A line of `lines` or `reporting` as json in the shape of LINE. */
function lineJson(alias: string): SQL {
  const l = sql.identifier(alias);
  return sql`json_build_object('unitId', ${l}.unit_id, 'unitName', ${l}.unit_name, 'unitKind', ${l}.unit_kind, 'progress', ${l}.progress,
    'rowsFilled', ${l}.filled, 'rowsExpected', ${l}.expected, 'submittedAt', ${l}.submitted_at, 'overdue', ${l}.overdue, 'missing', ${l}.missing,
    'lastReminderAt', ${l}.last_reminder_at)`;
}

/** Lines, totals and chart (and a city's own table, or the province's figures) in one round trip; every figure is counted by PostgreSQL. */
async function summarize(db: Db, ctes: SQL, { scope }: { scope: Dashboard["scope"] }): Promise<Omit<Dashboard, "campaign" | "scope">> {
  const count = col.int;
  // Prepared: its text is fixed for each scope, and PostgreSQL takes as long to plan it as to run it.
  const [row] = await queryPreparedRows(
    db,
    {
      reporting: col.object(LINE).nullable(),
      figures: col.object(FIGURE_ROW).nullable(),
      lines: col.objects(LINE),
      totals: col.object({
        units: count,
        missing: count,
        overdue: count,
        rowsFilled: count,
        rowsExpected: count,
        byProgress: col.object({ not_started: count, in_progress: count, complete: count, submitted: count, returned: count, approved: count }),
      }),
      bars: col.objects({ label: col.text, rowsFilled: count, rowsExpected: count, units: count, done: count }),
    },
    sql`
    with ${ctes}
    select
      ${scope === "city" ? sql`(select ${lineJson("r")} from reporting r)` : sql`null`} as reporting,
      ${scope === "province" ? sql`(select row_to_json(x) from (select ${FIGURE_COUNTS} from tables f) x)` : sql`null`} as figures,
      (select coalesce(json_agg(${lineJson("l")} order by l.bar_last, l.sort_order, l.unit_id), '[]') from lines l) as lines,
      (select json_build_object(
         'units', count(*), 'missing', count(*) filter (where missing), 'overdue', count(*) filter (where overdue),
         'rowsFilled', coalesce(sum(filled), 0), 'rowsExpected', coalesce(sum(expected), 0),
         'byProgress', json_build_object(
           'not_started', count(*) filter (where progress = 'not_started'),
           'in_progress', count(*) filter (where progress = 'in_progress'),
           'complete', count(*) filter (where progress = 'complete'),
           'submitted', count(*) filter (where progress = 'submitted'),
           'returned', count(*) filter (where progress = 'returned'),
           'approved', count(*) filter (where progress = 'approved')))
       from lines) as totals,
      (select coalesce(json_agg(json_build_object('label', b.label, 'rowsFilled', b.filled, 'rowsExpected', b.expected, 'units', b.units, 'done', b.done)
                                order by b.last, b.sort_order, b.label), '[]') from (
         select min(bar_label) as label, sum(filled)::int as filled, sum(expected)::int as expected, count(*)::int as units,
                (count(*) filter (where progress in ('submitted', 'approved')))::int as done, bool_or(bar_last) as last, min(sort_order) as sort_order
         from lines group by bar_id) b) as bars`,
  );
  return row;
}

/** One province's campaign at a glance, for 教育部's overview. */
export type ProvinceProgress = {
  campaignId: number;
  publisher: string;
  docNumber: string;
  units: number;
  submitted: number;
  returned: number;
  approved: number;
  rowsFilled: number;
  rowsExpected: number;
};

/**
 * 各省完成情况: every campaign the actor oversees that another unit publishes (a province's, for the
 * ministry viewer), one line each, counted in one statement over every province's tree.
 */
export async function getProvinceProgressByActor({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<ProvinceProgress[]> {
  if (!canSeeDashboards(actor) || !hasOversightScope(actor.role)) return [];
  // Which campaigns are followed is decided once, on its own: a province follows none, and then nothing is counted.
  const ids = (
    await queryRows(db, { id: col.int }, sql`select c.id from campaigns c where c.status <> 'draft' and c.kind = 'roster' and c.owner_unit_id <> ${actor.unitId} and ${isCampaignInScope(actor, sql`c.owner_unit_id`)}`)
  ).map((c) => c.id);
  if (ids.length === 0) return [];
  const followed = sql`(select unnest(${intArray(ids)}))`;
  return queryRows(
    db,
    { campaignId: col.int, publisher: col.text, docNumber: col.text, units: col.int, submitted: col.int, returned: col.int, approved: col.int, rowsFilled: col.int, rowsExpected: col.int },
    sql`
    with rows as (
      select a.campaign_id, count(*)::int as expected, count(e.id)::int as filled
      from campaign_assignments a
      join ${subtree({ roots: sql`(select unit_id from campaign_assignments where campaign_id in ${followed})`, activeOnly: true })} t on t.root_id = a.unit_id
      left join roster_entries e on e.campaign_id = a.campaign_id and e.unit_id = t.id
      where a.campaign_id in ${followed}
      group by a.campaign_id
    ),
    states as (
      select campaign_id, count(*)::int as units,
             (count(*) filter (where status in ('submitted', 'approved')))::int as submitted,
             (count(*) filter (where status = 'returned'))::int as returned,
             (count(*) filter (where status = 'approved'))::int as approved
      from submissions where campaign_id in ${followed} group by campaign_id
    )
    select c.id as "campaignId", o.name as publisher, c.doc_number as "docNumber",
           coalesce(st.units, 0) as units, coalesce(st.submitted, 0) as submitted, coalesce(st.returned, 0) as returned, coalesce(st.approved, 0) as approved,
           coalesce(r.filled, 0) as "rowsFilled", coalesce(r.expected, 0) as "rowsExpected"
    from campaigns c join units o on o.id = c.owner_unit_id
    left join rows r on r.campaign_id = c.id left join states st on st.campaign_id = c.id
    where c.id in ${followed}
    order by o.code, c.deadline desc, c.id`,
  );
}
