// A discrepancy, locked for a write by whoever may act on it: its school answers it, a level above returns it.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { discrepancySeverity, discrepancyState } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";
import { formatDateTime } from "@/lib/time";

export type LockedDiscrepancy = NonNullable<Awaited<ReturnType<typeof loadForUpdate>>>;

async function loadForUpdate(tx: Tx, discrepancyId: number) {
  return queryRow(
    tx,
    {
      id: col.int,
      campaignId: col.int,
      unitId: col.int,
      severity: col.oneOf(discrepancySeverity.enumValues),
      state: col.oneOf(discrepancyState.enumValues),
      version: col.int,
      changedAt: col.instantOrNull,
      changedByName: col.textOrNull,
      changedBy: col.intOrNull,
    },
    sql`
    select d.id, d.campaign_id as "campaignId", d.unit_id as "unitId", d.severity, d.state, d.version,
           greatest(d.answered_at, d.returned_at) as "changedAt",
           case when d.returned_at > d.answered_at or d.answered_at is null then rb.name else ab.name end as "changedByName",
           case when d.returned_at > d.answered_at or d.answered_at is null then d.returned_by else d.answered_by end as "changedBy"
    from discrepancies d
    join campaigns c on c.id = d.campaign_id and c.kind = 'verification'
    left join users ab on ab.id = d.answered_by
    left join users rb on rb.id = d.returned_by
    where d.id = ${discrepancyId}
    for update of d`,
  );
}

/** Locks the item; one the actor may not act on does not exist for it (404). */
export async function lockDiscrepancy(tx: Tx, discrepancyId: number, mayAct: (item: LockedDiscrepancy) => Promise<boolean> | boolean): Promise<LockedDiscrepancy> {
  const item = await loadForUpdate(tx, discrepancyId);
  if (!item || !(await mayAct(item))) throw notFound();
  return item;
}

/** Refuses a write based on a stale copy of the item, naming who answered or returned it since. */
export function assertDiscrepancyVersion(item: LockedDiscrepancy, expected: number, actorId: number): void {
  if (item.version === expected) return;
  const detail = { reason: "stale", expected, actual: item.version };
  const at = item.changedAt ? formatDateTime(item.changedAt) : null;
  if (!at) throw new DomainError("该问题已被更新（如重新核验），您的输入仍保留在页面上，请刷新后再试。", { detail });
  if (item.changedBy === actorId) throw new DomainError(`该问题已在另一窗口中处理（您本人于 ${at}），您的输入仍保留在页面上，请刷新后再试。`, { detail });
  throw new DomainError(`该问题已被 ${item.changedByName ?? "其他用户"} 于 ${at} 处理，您的输入仍保留在页面上，请刷新后核对。`, { detail });
}
