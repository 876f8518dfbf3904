// How many seats of a session a unit may still take. The province gives a session's seats to reporting units (a
// city, a province-affiliated school); a city may give some of its seats to its counties and schools. A quota of a
// unit covers the registrations of its whole subtree, so a school without a quota of its own draws on its county's or
// city's, and a county's registrations also count against its city's.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { ancestors, subtree } from "@/lib/units/tree";

export type SeatUse = {
  capacity: number;
  taken: number;
  /**
   * The tightest quota on the unit's line (itself, its county, its city): whose it is, its seats and those used; a quota
   * of 0 seats when the province gave quotas in the session but none on this line; null when the session has none.
   */
  quota: { unitId: number; seats: number; used: number } | null;
};

/**
 * The session's seats and those taken, and the quota `unitId` draws on. The unit's own registration for the session is
 * not counted: saving it again takes no further seat. Registrations count in every state. Call it under
 * `select … from training_sessions where id = … for update` when registering, so two units cannot both take the last seat.
 */
export async function seatUse(db: DbOrTx, sessionId: number, unitId: number): Promise<SeatUse> {
  const others = sql`(select r.unit_id from training_registrations r where r.session_id = ${sessionId} and r.unit_id <> ${unitId})`;
  const row = await queryRow(
    db,
    { capacity: col.int, taken: col.int, anyQuota: col.bool, quota: col.object({ unitId: col.int, seats: col.int, used: col.int }).nullable() },
    sql`
    with held as (select q.unit_id, q.seats from training_quotas q where q.session_id = ${sessionId} and q.unit_id in (select a.id from ${ancestors(unitId)} a)),
    used as (
      select h.unit_id, h.seats, (count(t.id) filter (where t.id in ${others}))::int as used
      from held h left join ${subtree({ roots: sql`(select unit_id from held)`, activeOnly: false })} t on t.root_id = h.unit_id
      group by h.unit_id, h.seats
    )
    select s.capacity, (select count(*) from ${others} o)::int as taken,
           exists (select 1 from training_quotas q where q.session_id = s.id) as "anyQuota",
           (select json_build_object('unitId', u.unit_id, 'seats', u.seats, 'used', u.used) from used u order by u.seats - u.used, u.unit_id limit 1) as quota
    from training_sessions s where s.id = ${sessionId}`,
  );
  if (!row) return { capacity: 0, taken: 0, quota: null };
  const quota = row.quota ?? (row.anyQuota ? { unitId, seats: 0, used: 0 } : null);
  return { capacity: row.capacity, taken: row.taken, quota };
}

/** Seats `unitId` may still take in the session: the capacity left, bounded by the quota it draws on. */
export async function seatsLeft(db: DbOrTx, sessionId: number, unitId: number): Promise<number> {
  const use = await seatUse(db, sessionId, unitId);
  const free = use.capacity - use.taken;
  return Math.max(0, use.quota ? Math.min(free, use.quota.seats - use.quota.used) : free);
}
