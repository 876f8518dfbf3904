import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { CampaignStatus, UnitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { hasProvinceScope } from "@/lib/core/roles";
import type { Progress } from "./progress";

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
  bars: CompletionBar[];
};

/** The province's dashboards, and each city's for its own table. */
function canSeeDashboards(actor: Actor): boolean {
  return may(actor.role, "dashboard.read");
}

/** Campaigns the actor can follow: every published or closed one for the province, its own for a city. */
export async function getDashboardCampaignsByActor({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<DashboardCampaign[]> {
  if (!canSeeDashboards(actor)) return [];
  const rows = await db.execute(sql`
    select c.id, c.title, c.doc_number, c.deadline, c.status from campaigns c
    where c.status <> 'draft'
      ${hasProvinceScope(actor.role) ? sql`` : sql`and exists (select 1 from campaign_assignments a where a.campaign_id = c.id and a.unit_id = ${actor.unitId})`}
    order by c.deadline desc, c.id desc`);
  return rows.map(toCampaign);
}

/** The dashboard of one campaign as the actor may see it, or null (the page answers 404). */
export async function getDashboardByActor({ db, actor, campaignId, now }: { db: DbOrTx; actor: Actor; campaignId: number; now: Date }): Promise<Dashboard | null> {
  const campaign = (await getDashboardCampaignsByActor({ db, actor })).find((c) => c.id === campaignId);
  if (!campaign) return null;
  const at = sql`${now.toISOString()}::timestamptz`;
  return hasProvinceScope(actor.role)
    ? { campaign, scope: "province", ...(await summarize(db, reportingLines(campaignId, at), { withReporting: false })) }
    : { campaign, scope: "city", ...(await summarize(db, coveredLines(campaignId, at, actor.unitId), { withReporting: true })) };
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

/**
 * CTEs ending in `counts(root_id, expected, filled)`: the rows under each of `roots` (a query of unit
 * ids), counted over its active subtree as 「提交」 counts them. Children are counted per parent first,
 * so the hierarchy is walked over the bureaus (a few hundred), not over every school.
 */
function subtreeCounts(campaignId: number, roots: SQL): SQL {
  return sql`
    per_parent as (
      select u.reporting_parent_id as parent_id, count(*) as units, count(e.id) as filled
      from units u left join roster_entries e on e.campaign_id = ${campaignId} and e.unit_id = u.id
      where u.active and u.reporting_parent_id is not null
      group by u.reporting_parent_id
    ),
    bureaus as materialized (
      select u.id, u.reporting_parent_id from per_parent p join units u on u.id = p.parent_id and u.active
    ),
    tree(root_id, id) as (
      select u.id, u.id from units u where u.active and u.id in ${roots}
      union all
      select t.root_id, b.id from tree t join bureaus b on b.reporting_parent_id = t.id
    ),
    counts as (
      select t.root_id, (1 + coalesce(sum(p.units), 0))::int as expected, (coalesce(sum(p.filled), 0) + count(own.id))::int as filled
      from tree t
      left join per_parent p on p.parent_id = t.id
      left join roster_entries own on t.id = t.root_id and own.campaign_id = ${campaignId} and own.unit_id = t.id
      group by t.root_id
    ),`;
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

/** The province's view: one line per reporting unit. The chart groups cities one by one and the rest together. */
function reportingLines(campaignId: number, at: SQL): SQL {
  return sql`
    ${subtreeCounts(campaignId, sql`(select unit_id from campaign_assignments where campaign_id = ${campaignId})`)}
    lines as (${reportingLine(campaignId, at, sql`true`)})`;
}

/**
 * A city's view: its table as the province sees it (`reporting`), then its own row and one line per
 * unit directly under it, each counting that unit's own subtree.
 */
function coveredLines(campaignId: number, at: SQL, cityUnitId: number): SQL {
  return sql`
    ${subtreeCounts(campaignId, sql`(select id from units where id = ${cityUnitId} or reporting_parent_id = ${cityUnitId})`)}
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

/** Lines, totals and chart (and a city's own table) in one round trip; every figure is counted by PostgreSQL. */
async function summarize(db: DbOrTx, ctes: SQL, { withReporting }: { withReporting: boolean }): Promise<Omit<Dashboard, "campaign" | "scope">> {
  const [row] = await db.execute(sql`
    with recursive ${ctes}
    select
      ${withReporting ? sql`(select row_to_json(r) from reporting r)` : sql`null`} as reporting,
      (select coalesce(json_agg(l order by l.bar_last, l.sort_order, l.unit_id), '[]') from lines l) as lines,
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
      (select coalesce(json_agg(b order by b.last, b.sort_order, b.label), '[]') from (
         select min(bar_label) as label, sum(filled)::int as "rowsFilled", sum(expected)::int as "rowsExpected", count(*)::int as units,
                (count(*) filter (where progress in ('submitted', 'approved')))::int as done, bool_or(bar_last) as last, min(sort_order) as sort_order
         from lines group by bar_id) b) as bars`);
  const bars = (row.bars as Record<string, unknown>[]).map(({ label, rowsFilled, rowsExpected, units, done }) => ({
    label: String(label),
    rowsFilled: Number(rowsFilled),
    rowsExpected: Number(rowsExpected),
    units: Number(units),
    done: Number(done),
  }));
  return {
    reporting: row.reporting ? toLine(row.reporting as Record<string, unknown>) : null,
    lines: (row.lines as Record<string, unknown>[]).map(toLine),
    totals: row.totals as DashboardTotals,
    bars,
  };
}

function toLine(l: Record<string, unknown>): DashboardLine {
  return {
    unitId: Number(l.unit_id),
    unitName: String(l.unit_name),
    unitKind: l.unit_kind as UnitKind,
    progress: l.progress as Progress,
    rowsFilled: Number(l.filled),
    rowsExpected: Number(l.expected),
    submittedAt: l.submitted_at ? new Date(l.submitted_at as string) : null,
    overdue: Boolean(l.overdue),
    missing: Boolean(l.missing),
    lastReminderAt: l.last_reminder_at ? new Date(l.last_reminder_at as string) : null,
  };
}

function toCampaign(row: Record<string, unknown>): DashboardCampaign {
  return { id: Number(row.id), title: String(row.title), docNumber: String(row.doc_number), deadline: new Date(row.deadline as string), status: row.status as CampaignStatus };
}
