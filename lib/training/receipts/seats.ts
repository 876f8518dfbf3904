// How many more units may register for a session: its capacity, and the quota the unit draws on. Callers lock the
// session row first (FOR UPDATE), so two registrations for the last seat are counted one after the other.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { activeSubtreeIds, holdingSubmissions } from "@/lib/units/tree";

export type SeatUse = {
  capacity: number;
  taken: number;
  /** The quota the unit draws on — its own, else its reporting unit's — or null when the session has no quotas at all. */
  quota: { unitId: number; seats: number; used: number } | null;
};

/** The session's seats, those taken, and the quota `unitId` draws on, not counting the unit's own registration for it. */
export async function seatUse(tx: DbOrTx, sessionId: number, unitId: number): Promise<SeatUse> {
  const row = await queryRow(
    tx,
    { capacity: col.int, taken: col.int, anyQuota: col.bool, quotaUnitId: col.intOrNull, seats: col.intOrNull },
    sql`
    select s.capacity,
           (select count(*) from training_registrations r where r.session_id = s.id and r.unit_id <> ${unitId}) as taken,
           exists (select 1 from training_quotas q where q.session_id = s.id) as "anyQuota",
           coalesce(own.unit_id, rep.unit_id) as "quotaUnitId", coalesce(own.seats, rep.seats) as seats
    from training_sessions s
    left join training_quotas own on own.session_id = s.id and own.unit_id = ${unitId}
    left join ${holdingSubmissions(unitId)} h on h.campaign_id = s.campaign_id
    left join training_quotas rep on rep.session_id = s.id and rep.unit_id = h.reporting_unit_id
    where s.id = ${sessionId}`,
  );
  if (!row) return { capacity: 0, taken: 0, quota: null };
  const base = { capacity: row.capacity, taken: row.taken };
  if (!row.anyQuota) return { ...base, quota: null };
  if (row.quotaUnitId === null || row.seats === null) return { ...base, quota: { unitId, seats: 0, used: 0 } };
  // The unit's own quota counts its own registrations; a reporting unit's counts its whole subtree's.
  const counted = row.quotaUnitId === unitId ? sql`(${unitId}::int)` : activeSubtreeIds(row.quotaUnitId);
  const used = await queryRow(
    tx,
    { n: col.int },
    sql`select count(*) as n from training_registrations r where r.session_id = ${sessionId} and r.unit_id <> ${unitId} and r.unit_id in ${counted}`,
  );
  return { ...base, quota: { unitId: row.quotaUnitId, seats: row.seats, used: used?.n ?? 0 } };
}

/** Seats `unitId` may still take in the session: capacity left, bounded by the quota it draws on. A page may count outside a transaction; a write counts after locking the session. */
export async function seatsLeft(tx: DbOrTx, sessionId: number, unitId: number): Promise<number> {
  const use = await seatUse(tx, sessionId, unitId);
  const free = use.capacity - use.taken;
  return Math.max(0, use.quota ? Math.min(free, use.quota.seats - use.quota.used) : free);
}
