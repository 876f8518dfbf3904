import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, intArray, queryRow, queryRows } from "@/db/rows";
import { campaignStatus, delegatedRowState, delegationState, submissionStatus } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { DomainError, notFound } from "@/lib/core/errors";
import { CLOSED_MESSAGE, isEditable } from "@/lib/submissions/workflow";

export type LockedRow = {
  id: number;
  delegationId: number;
  unitId: number;
  unitName: string;
  state: (typeof delegatedRowState.enumValues)[number];
  delegateUnitId: number;
  delegateUnitName: string;
  /** For a school's row its collecting county handed on: the county's delegation, and whether the county has handed in. */
  collector: { delegationId: number; unitId: number; unitName: string; state: (typeof delegationState.enumValues)[number] } | null;
};

/** The delegated rows of these units in the table, row-locked for the decision of the city or a collecting county, by unit. */
export async function lockRowsOfSubmission(tx: Tx, submissionId: number, unitIds: number[]): Promise<Map<number, LockedRow>> {
  const rows = await queryRows(
    tx,
    {
      id: col.int,
      delegationId: col.int,
      unitId: col.int,
      unitName: col.text,
      state: col.oneOf(delegatedRowState.enumValues),
      delegateUnitId: col.int,
      delegateUnitName: col.text,
      collector: col.object({ delegationId: col.int, unitId: col.int, unitName: col.text, state: col.oneOf(delegationState.enumValues) }).nullable(),
    },
    sql`select r.id, r.delegation_id as "delegationId", r.unit_id as "unitId", u.name as "unitName", r.state,
               d.delegate_unit_id as "delegateUnitId", du.name as "delegateUnitName",
               case when p.id is not null then json_build_object('delegationId', p.id, 'unitId', p.delegate_unit_id, 'unitName', pu.name, 'state', p.state) end as collector
        from delegated_rows r
        join delegations d on d.id = r.delegation_id
        left join delegations p on p.id = d.parent_delegation_id
        left join units pu on pu.id = p.delegate_unit_id
        join units u on u.id = r.unit_id
        join units du on du.id = d.delegate_unit_id
        where r.submission_id = ${submissionId} and r.unit_id = any(${intArray(unitIds)})
        order by r.unit_id
        for update of r`,
  );
  return new Map(rows.map((r) => [r.unitId, r]));
}

export type LockedDelegation = {
  id: number;
  submissionId: number;
  /** The unit it hands in to: its collecting county (a school's row handed on), else the city. */
  deciderName: string;
  /** Its own rows; and for a collecting county, the rows it handed on to its schools (`collected`). */
  rows: { id: number; unitId: number; unitName: string; state: LockedRow["state"]; filled: boolean; collected: boolean }[];
};

/**
 * The actor's own delegation, locked for its 提交 or 撤回, while the city's table is still open. Another unit's is
 * not found, as if it did not exist. The submission is share-locked, so the city's submit waits for it. A school's
 * under its county's is locked once the county has handed in: the county's 提交给市级 carries the school's row.
 */
export async function lockDelegation(tx: Tx, actor: Actor, delegationId: number, expectedVersion: number): Promise<LockedDelegation> {
  const delegation = await queryRow(
    tx,
    {
      id: col.int,
      submissionId: col.int,
      delegateUnitId: col.int,
      version: col.int,
      unitId: col.int,
      status: col.oneOf(submissionStatus.enumValues),
      reviewOpenedAt: col.instantOrNull,
      campaignStatus: col.oneOf(campaignStatus.enumValues),
      cityName: col.text,
      collectorName: col.textOrNull,
      collectorState: col.oneOf(delegationState.enumValues).nullable(),
    },
    sql`select d.id, d.submission_id as "submissionId", d.delegate_unit_id as "delegateUnitId", d.version,
               s.unit_id as "unitId", s.status, s.review_opened_at as "reviewOpenedAt", c.status as "campaignStatus", cu.name as "cityName",
               pu.name as "collectorName", p.state as "collectorState"
        from delegations d
        join submissions s on s.id = d.submission_id
        join campaigns c on c.id = s.campaign_id
        join units cu on cu.id = s.unit_id
        left join delegations p on p.id = d.parent_delegation_id
        left join units pu on pu.id = p.delegate_unit_id
        where d.id = ${delegationId}
        for update of d for share of s, c`,
  );
  if (!delegation || delegation.delegateUnitId !== actor.unitId) throw notFound();
  if (delegation.campaignStatus === "closed") throw new DomainError(CLOSED_MESSAGE);
  if (!isEditable(delegation)) throw new DomainError(`${delegation.cityName}已将汇总表提交省级，不能再修改。如需修改，请联系${delegation.cityName}。`);
  const deciderName = delegation.collectorName ?? delegation.cityName;
  if (delegation.version !== expectedVersion)
    throw new DomainError(`${deciderName}刚刚更新了分派情况（收回、确认、退回或截止时间），请刷新页面查看后再操作。`, {
      detail: { reason: "stale", expected: expectedVersion, actual: delegation.version },
    });
  if (delegation.collectorState === "submitted")
    throw new DomainError(`${deciderName}已将您填写的信息提交给${delegation.cityName}，不能再修改或撤回。如需修改，请联系${deciderName}。`);
  const rows = await queryRows(
    tx,
    { id: col.int, unitId: col.int, unitName: col.text, state: col.oneOf(delegatedRowState.enumValues), filled: col.bool, collected: col.bool },
    sql`select r.id, r.unit_id as "unitId", u.name as "unitName", r.state,
               exists (select 1 from roster_entries e where e.campaign_id = s.campaign_id and e.unit_id = r.unit_id) as filled,
               r.delegation_id <> ${delegation.id} as collected
        from delegated_rows r join units u on u.id = r.unit_id join submissions s on s.id = r.submission_id
        where r.delegation_id = ${delegation.id} or r.delegation_id in (select id from delegations where parent_delegation_id = ${delegation.id})
        order by r.unit_id
        for update of r`,
  );
  return { id: delegation.id, submissionId: delegation.submissionId, deciderName, rows };
}
