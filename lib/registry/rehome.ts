// A moved unit's rows follow it. The tables, readiness and row writes find a unit's row through the live
// tree, while snapshots, account issuance and return reasons go by roster_entries.submission_id: after a
// move the two must name the same table again.
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { campaignStatus, submissionStatus, type Unit } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { isEditable } from "@/lib/submissions/workflow";
import { holdingSubmissions, subtree } from "@/lib/units/tree";

/** Campaign and unit → the submission whose table holds the unit, for `unit` and every unit below it. */
export type Holdings = Map<string, number>;

const key = (campaignId: number, unitId: number) => `${campaignId}:${unitId}`;

/** Only published campaigns: a closed campaign's rows stay with the table they were reported in. */
function heldBelow(unit: Pick<Unit, "id">): SQL {
  return sql`${holdingSubmissions(sql`(select id from ${subtree({ roots: unit.id, activeOnly: false })} t)`)} h
    join campaigns c on c.id = h.campaign_id and c.status = 'published'`;
}

export async function getHoldingsBelow(tx: Tx, unit: Pick<Unit, "id">): Promise<Holdings> {
  const rows = await queryRows(
    tx,
    { campaignId: col.int, unitId: col.int, submissionId: col.int },
    sql`select h.campaign_id as "campaignId", h.unit_id as "unitId", h.submission_id as "submissionId" from ${heldBelow(unit)}`,
  );
  return new Map(rows.map((r) => [key(r.campaignId, r.unitId), r.submissionId]));
}

/**
 * After `unit` has moved (`before` taken at its old place): refuses the move while a table it leaves or
 * joins is submitted or approved, or when a filled row would be left in no table; otherwise points every
 * row of the subtree at the table that holds it now. Returns how many rows went to which submission.
 */
export async function rehomeRows(tx: Tx, { unit, parent, before }: { unit: Unit; parent: Unit; before: Holdings }) {
  const after = await getHoldingsBelow(tx, unit);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
  if (changed.length === 0) return [];

  const touched = [...new Set(changed.flatMap((k) => [before.get(k), after.get(k)]).filter((id) => id !== undefined))];
  // Locked like every write to a table, so a submit or approval in flight is either seen here or waits for the move.
  const tables = await queryRows(
    tx,
    {
      unitId: col.int,
      unitName: col.text,
      status: col.oneOf(submissionStatus.enumValues),
      reviewOpenedAt: col.instantOrNull,
      campaignStatus: col.oneOf(campaignStatus.enumValues),
      campaignTitle: col.text,
    },
    sql`
    select s.unit_id as "unitId", u.name as "unitName", s.status, s.review_opened_at as "reviewOpenedAt",
           c.status as "campaignStatus", c.title as "campaignTitle"
    from submissions s join campaigns c on c.id = s.campaign_id join units u on u.id = s.unit_id
    where s.id in (select value::int from jsonb_array_elements_text(${JSON.stringify(touched)}::jsonb))
    order by s.id
    for update of s for share of c`,
  );
  const frozen = tables.find((t) => t.campaignStatus === "published" && !isEditable(t));
  if (frozen) {
    const state = frozen.status === "approved" ? "已审核通过" : "已提交";
    const then = frozen.status === "approved" ? "请在该任务结束后再移动。" : "请等该报送撤回或被退回后再移动。";
    throw new DomainError(`「${frozen.unitName}」在「${frozen.campaignTitle}」中的报送表${state}，移动「${unit.name}」会改变这张表。${then}`, {
      detail: { reason: "table_frozen", reportingUnitId: frozen.unitId },
    });
  }

  const [orphan] = await queryRows(
    tx,
    { unitName: col.text, campaignTitle: col.text },
    sql`
    select u.name as "unitName", c.title as "campaignTitle"
    from roster_entries e
    join campaigns c on c.id = e.campaign_id and c.status = 'published'
    join units u on u.id = e.unit_id
    where e.unit_id in (select id from ${subtree({ roots: unit.id, activeOnly: false })} t)
      and not exists (select 1 from ${heldBelow(unit)} where h.unit_id = e.unit_id and h.campaign_id = e.campaign_id)
    limit 1`,
  );
  if (orphan) {
    throw new DomainError(
      `「${orphan.unitName}」已在「${orphan.campaignTitle}」中填写了管理员信息，移到「${parent.name}」下后将不在任何一张报送表中。请选择该任务覆盖的上级单位，或在任务结束后再移动。`,
    );
  }

  // The reviewer's reason for returning a row was written for the table it leaves.
  return queryRows(
    tx,
    { campaignId: col.int, submissionId: col.int, rows: col.int },
    sql`
    with moved as (
      update roster_entries e set submission_id = h.submission_id, return_reason = null
      from ${heldBelow(unit)}
      where e.unit_id = h.unit_id and e.campaign_id = h.campaign_id and e.submission_id <> h.submission_id
      returning e.campaign_id, e.submission_id
    )
    select campaign_id as "campaignId", submission_id as "submissionId", count(*)::int as rows from moved group by 1, 2 order by 1, 2`,
  );
}
