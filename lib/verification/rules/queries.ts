import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type Campaign, campaigns, discrepancySeverity, discrepancyState, type VerificationRule } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assertPermission } from "@/lib/core/policy";
import { subtree } from "@/lib/units/tree";
import { ensureRules } from "./defaults";

/** One of the province's verification tasks, or null (another's, or another kind). */
async function ownVerificationTask(db: Db, actor: Actor, campaignId: number): Promise<Campaign | null> {
  assertPermission(actor, "verification.manage");
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.ownerUnitId, actor.unitId), eq(campaigns.kind, "verification")));
  return campaign ?? null;
}

export type RulesPage = { campaign: Campaign; rules: VerificationRule[]; lastRunAt: Date | null };

/** The province's rules (written with their defaults the first time they are looked at) and when the task last ran. */
export async function getRulesForAdmin({ db, actor, campaignId }: { db: Db; actor: Actor; campaignId: number }): Promise<RulesPage | null> {
  const campaign = await ownVerificationTask(db, actor, campaignId);
  if (!campaign) return null;
  const rules = await db.transaction((tx) => ensureRules(tx, actor.unitId));
  const [run] = await queryRows(
    db,
    { at: col.instantOrNull },
    sql`select max(at) as at from audit_log where action = 'verification.run' and outcome = 'success' and target_type = 'campaign' and target_id = ${String(campaignId)}`,
  );
  return { campaign, rules, lastRunAt: run?.at ?? null };
}

export const PAGE_SIZE = 100;

export type DiscrepancyFilters = { ruleId?: number; severity?: (typeof discrepancySeverity.enumValues)[number]; state?: (typeof discrepancyState.enumValues)[number]; page: number };

const severityCol = col.oneOf(discrepancySeverity.enumValues);
const stateCol = col.oneOf(discrepancyState.enumValues);

export type DiscrepancyLine = {
  id: number;
  reportingUnit: string;
  unitName: string;
  schoolCode: string | null;
  rule: string;
  severity: (typeof discrepancySeverity.enumValues)[number];
  state: (typeof discrepancyState.enumValues)[number];
  subject: string;
  leftLabel: string;
  leftValue: string | null;
  rightLabel: string;
  rightValue: string | null;
};

export type DiscrepancyOverview = {
  campaign: Campaign;
  rules: VerificationRule[];
  /** Items not closed, per rule and severity. */
  byRule: { ruleId: number; severity: "error" | "notice"; count: number }[];
  /** Items not closed per reporting unit (city or province-affiliated school); the province's own items last. */
  byReportingUnit: { name: string; schools: number; errors: number; notices: number }[];
  lines: DiscrepancyLine[];
  total: number;
  page: number;
  pages: number;
};

/**
 * The province's view of a task's discrepancies: counts per rule and per city (open, answered and returned items;
 * closed ones no longer differ), and the items themselves, filtered and a page of 100 at a time, by city and school.
 */
export async function getDiscrepanciesForProvince({ db, actor, campaignId, filters }: { db: Db; actor: Actor; campaignId: number; filters: DiscrepancyFilters }): Promise<DiscrepancyOverview | null> {
  const campaign = await ownVerificationTask(db, actor, campaignId);
  if (!campaign) return null;
  const rules = await db.transaction((tx) => ensureRules(tx, actor.unitId));
  // Each item's reporting unit: the assigned unit above its school (the province's own items have none).
  const placed = sql`(
    select d.*, t.root_id, t.path from discrepancies d
    left join ${subtree({ roots: sql`(select unit_id from campaign_assignments where campaign_id = ${campaignId})`, activeOnly: false, ordered: true })} t on t.id = d.unit_id
    where d.campaign_id = ${campaignId})`;
  const byRule = await queryRows(
    db,
    { ruleId: col.int, severity: severityCol, count: col.int },
    sql`select rule_id as "ruleId", severity, count(*)::int as count from discrepancies where campaign_id = ${campaignId} and state <> 'closed' group by rule_id, severity`,
  );
  const byReportingUnit = await queryRows(
    db,
    { name: col.text, schools: col.int, errors: col.int, notices: col.int },
    sql`select coalesce(r.name, '省级（名册外的学校）') as name, count(distinct p.unit_id)::int as schools,
               count(*) filter (where p.severity = 'error')::int as errors, count(*) filter (where p.severity = 'notice')::int as notices
        from ${placed} p left join units r on r.id = p.root_id
        where p.state <> 'closed'
        group by r.id, r.name, r.sort_order order by r.id is null, r.kind <> 'city_bureau', r.sort_order, r.id`,
  );
  const where = sql.join(
    [
      sql`true`,
      ...(filters.ruleId ? [sql`p.rule_id = ${filters.ruleId}`] : []),
      ...(filters.severity ? [sql`p.severity = ${filters.severity}`] : []),
      ...(filters.state ? [sql`p.state = ${filters.state}`] : [sql`p.state <> 'closed'`]),
    ],
    sql` and `,
  );
  const [{ total }] = await queryRows(db, { total: col.int }, sql`select count(*)::int as total from ${placed} p where ${where}`);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page), pages);
  const lines = await queryRows(
    db,
    {
      id: col.int,
      reportingUnit: col.text,
      unitName: col.text,
      schoolCode: col.textOrNull,
      rule: col.text,
      severity: severityCol,
      state: stateCol,
      subject: col.text,
      leftLabel: col.text,
      leftValue: col.textOrNull,
      rightLabel: col.text,
      rightValue: col.textOrNull,
    },
    sql`select p.id, coalesce(r.name, '省级') as "reportingUnit", u.name as "unitName", u.school_code as "schoolCode", vr.name as rule, p.severity, p.state,
               p.subject, p.left_label as "leftLabel", p.left_value as "leftValue", p.right_label as "rightLabel", p.right_value as "rightValue"
        from ${placed} p join units u on u.id = p.unit_id join verification_rules vr on vr.id = p.rule_id left join units r on r.id = p.root_id
        where ${where}
        order by p.root_id is null, r.kind <> 'city_bureau', r.sort_order, r.id, p.path, p.key
        limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`,
  );
  return { campaign, rules, byRule, byReportingUnit, lines, total, page, pages };
}
