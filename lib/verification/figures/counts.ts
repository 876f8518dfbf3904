// How the figures of ./figures.ts are counted: the 核验情况 page and the verification bulletin both count through
// here. A reporting unit's confirmation on time, late or missing is the engine's (tableFacts), as for any task.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { discrepancySeverity, discrepancyState } from "@/db/schema";
import { reportingReceipts } from "@/lib/campaigns/reporting-receipts";
import { subtree } from "@/lib/units/tree";
import type { VerificationFacts } from "./figures";

/** A verification task's facts, province-wide: every active reporting unit's confirmation, its active schools, and their items. */
export async function verificationFacts(db: DbOrTx, campaignId: number): Promise<VerificationFacts> {
  const reporting = await reportingReceipts(db, campaignId);
  // A province-affiliated school is its own reporting unit: the subtree's root is its one school.
  const schools = await queryRows(
    db,
    { reportingId: col.int, unitId: col.int, name: col.text, confirmed: col.bool },
    sql`select t.root_id as "reportingId", u.id as "unitId", u.name, c.unit_id is not null as confirmed
        from ${subtree({ roots: sql`(select a.unit_id from campaign_assignments a where a.campaign_id = ${campaignId})`, activeOnly: true, ordered: true })} t
        join units u on u.id = t.id and u.kind in ('school', 'college')
        left join verification_confirmations c on c.campaign_id = ${campaignId} and c.unit_id = u.id
        order by t.root_id, t.path`,
  );
  const items = await queryRows(
    db,
    { unitId: col.int, ruleId: col.int, ruleName: col.text, severity: col.oneOf(discrepancySeverity.enumValues), state: col.oneOf(discrepancyState.enumValues), count: col.int },
    sql`select d.unit_id as "unitId", r.id as "ruleId", r.name as "ruleName", d.severity, d.state, count(*)::int as count
        from discrepancies d join verification_rules r on r.id = d.rule_id
        where d.campaign_id = ${campaignId} and d.state <> 'closed'
        group by d.unit_id, r.id, r.name, d.severity, d.state
        order by r.id, d.unit_id, d.severity, d.state`,
  );
  return { reporting, schools, items };
}
