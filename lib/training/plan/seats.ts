// How many seats of a session a unit may still take. The province gives a session's seats to reporting units (a
// city, a province-affiliated school); a city may give some of its seats to its counties and schools. A quota of a
// unit covers the registrations of its whole subtree, so a school without a quota of its own draws on its city's,
// and a county's quota is also counted against its city's.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { ancestors, subtree } from "@/lib/units/tree";

/**
 * Seats left for `unitId` registering one more person for `sessionId` (0 or more):
 * the smallest of the session's capacity less all its registrations, and, for every unit with a quota on the line from
 * `unitId` up to the province (the unit itself, its county, its city), that quota less the registrations of that
 * unit's subtree. Once the province has given any quota in the session, a unit with no quota on its line has none.
 * A session with no quotas at all is open to every unit of its audience up to its capacity.
 *
 * Counts registrations in every state. Call it under `select … from training_sessions where id = … for update` when
 * registering, so two units cannot both take the last seat.
 */
export async function seatsLeft(tx: DbOrTx, sessionId: number, unitId: number): Promise<number> {
  const [row] = await queryRows(
    tx,
    { left: col.int },
    sql`
    with line as (select a.id from ${ancestors(unitId)} a),
    held as (select q.unit_id, q.seats from training_quotas q where q.session_id = ${sessionId} and q.unit_id in (select id from line)),
    limits as (
      select s.capacity - (select count(*) from training_registrations r where r.session_id = s.id) as left_seats
      from training_sessions s where s.id = ${sessionId}
      union all
      select h.seats - coalesce(taken.n, 0)
      from held h left join (
        select t.root_id, count(*) as n
        from training_registrations r join ${subtree({ roots: sql`(select unit_id from held)`, activeOnly: false })} t on t.id = r.unit_id
        where r.session_id = ${sessionId} group by t.root_id
      ) taken on taken.root_id = h.unit_id
      union all
      -- Quotas given, none on this unit's line: no seats for it.
      select 0 where exists (select 1 from training_quotas q where q.session_id = ${sessionId}) and not exists (select 1 from held)
    )
    select greatest(coalesce(min(left_seats), 0), 0)::int as left from limits`,
  );
  return row.left;
}
