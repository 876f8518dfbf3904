import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, intArray, queryRow, queryRows } from "@/db/rows";
import { campaignStatus, delegatedRowState, submissionStatus } from "@/db/schema";
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
};

/** The delegated rows of these units in the table, row-locked for the city's decision, by unit. */
export async function lockRowsOfSubmission(tx: Tx, submissionId: number, unitIds: number[]): Promise<Map<number, LockedRow>> {
  const rows = await queryRows(
    tx,
    { id: col.int, delegationId: col.int, unitId: col.int, unitName: col.text, state: col.oneOf(delegatedRowState.enumValues), delegateUnitId: col.int, delegateUnitName: col.text },
    sql`select r.id, r.delegation_id as "delegationId", r.unit_id as "unitId", u.name as "unitName", r.state,
               d.delegate_unit_id as "delegateUnitId", du.name as "delegateUnitName"
        from delegated_rows r
        join delegations d on d.id = r.delegation_id
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
  rows: { id: number; unitId: number; unitName: string; state: LockedRow["state"]; filled: boolean }[];
};

/**
 * The actor's own delegation, locked for its 提交 or 撤回, while the city's table is still open. Another unit's is
 * not found, as if it did not exist. The submission is share-locked, so the city's submit waits for it.
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
    },
    sql`select d.id, d.submission_id as "submissionId", d.delegate_unit_id as "delegateUnitId", d.version,
               s.unit_id as "unitId", s.status, s.review_opened_at as "reviewOpenedAt", c.status as "campaignStatus", cu.name as "cityName"
        from delegations d
        join submissions s on s.id = d.submission_id
        join campaigns c on c.id = s.campaign_id
        join units cu on cu.id = s.unit_id
        where d.id = ${delegationId}
        for update of d for share of s, c`,
  );
  if (!delegation || delegation.delegateUnitId !== actor.unitId) throw notFound();
  if (delegation.campaignStatus === "closed") throw new DomainError(CLOSED_MESSAGE);
  if (!isEditable(delegation)) throw new DomainError(`${delegation.cityName}已将汇总表提交省级，不能再修改。如需修改，请联系${delegation.cityName}。`);
  if (delegation.version !== expectedVersion)
    throw new DomainError(`${delegation.cityName}刚刚更新了分派情况（收回、确认、退回或截止时间），请刷新页面查看后再操作。`, {
      detail: { reason: "stale", expected: expectedVersion, actual: delegation.version },
    });
  const rows = await queryRows(
    tx,
    { id: col.int, unitId: col.int, unitName: col.text, state: col.oneOf(delegatedRowState.enumValues), filled: col.bool },
    sql`select r.id, r.unit_id as "unitId", u.name as "unitName", r.state,
               exists (select 1 from roster_entries e where e.campaign_id = s.campaign_id and e.unit_id = r.unit_id) as filled
        from delegated_rows r join units u on u.id = r.unit_id join submissions s on s.id = r.submission_id
        where r.delegation_id = ${delegation.id}
        order by r.unit_id
        for update of r`,
  );
  return { id: delegation.id, submissionId: delegation.submissionId, rows };
}
