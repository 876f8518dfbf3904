// The reporting tree, walked in one place: every subtree, line of ancestors and registry order in lib/
// comes from here. It imports only @/db, so that every domain may build on it; changing the tree
// (create, move, import) is lib/registry's, which builds on lib/xlsx and lib/roster.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";

/** A unit id, or SQL for a parenthesised list or query of unit ids: `(s.unit_id)`, `(select unit_id from …)`. */
export type UnitIds = number | SQL;

const idList = (ids: UnitIds): SQL => (typeof ids === "number" ? sql`(${ids}::int)` : ids);

/**
 * Registry order among siblings as one sortable string: bureaus before schools, then position, then
 * code. A path of these from the root sorts a subtree: each unit, then its bureaus (each followed by its
 * own subtree), then its schools.
 */
export function registryKey(alias: string): SQL {
  const u = sql.identifier(alias);
  return sql`(case when ${u}.kind in ('school', 'college') then '1' else '0' end || lpad(${u}.sort_order::text, 6, '0') || ${u}.code)`;
}

/**
 * The units at and below each of `roots`, as a derived table (root_id, id, depth): depth 0 is the root
 * itself. With `activeOnly`, inactive units (roots included) and everything below them are left out, as
 * every table leaves them out. With `ordered` it has a `path` too: ordering by it gives registry order
 * within a root.
 */
export function subtree({ roots, activeOnly, ordered = false }: { roots: UnitIds; activeOnly: boolean; ordered?: boolean }): SQL {
  const active = activeOnly ? sql`and u.active` : sql``;
  // The path costs about as much as the walk itself, so only lists that show rows in order build it.
  const path = ordered
    ? { column: sql`, path`, start: sql`, array[]::text[]`, step: sql`, w.path || ${registryKey("u")}`, out: sql`, path collate "C" as path` }
    : { column: sql``, start: sql``, step: sql``, out: sql`` };
  return sql`(
    with recursive walk(root_id, id, depth${path.column}) as (
      select u.id, u.id, 0${path.start} from units u where u.id in ${idList(roots)} ${active}
      union all
      select w.root_id, u.id, w.depth + 1${path.step}
      from units u join walk w on u.reporting_parent_id = w.id
      where true ${active}
    )
    select root_id, id, depth${path.out} from walk)`;
}

/**
 * Each of `roots` (when active) and the active units below it that have active units below them, as a derived
 * table (root_id, id): the branch points of the active subtree. Sums kept per parent add up over these alone,
 * which are a few hundred where the whole subtree is thousands of schools; they are found from the counts of
 * active children the writes keep (unit_child_counts), not by reading every unit.
 */
export function activeBranches(roots: UnitIds): SQL {
  return sql`(
    with recursive branch as materialized (
      select p.id, p.reporting_parent_id from unit_child_counts c join units p on p.id = c.parent_id where c.active_children > 0 and p.active
    ),
    walk(root_id, id) as (
      select u.id, u.id from units u where u.id in ${idList(roots)} and u.active
      union all
      select w.root_id, b.id from branch b join walk w on b.reporting_parent_id = w.id
    )
    select root_id, id from walk)`;
}

/**
 * The CTEs ending in `counts(root_id, expected, filled)`: the rows under each of `roots` (a query of unit ids),
 * counted over its active subtree as 「提交」 counts them. Walking every unit from the roots would visit each
 * school; instead the walk visits only the units that have active children (activeBranches: a few hundred at
 * any size) and adds up the counts the writes keep for each of them (db/schema/counts.ts). The dashboards and
 * 「提交」's readiness count this way.
 */
export function keptSubtreeCounts(campaignId: number | SQL, roots: SQL): SQL {
  return sql`
    walk as (select root_id, id from ${activeBranches(roots)} b),
    counts as (
      -- Driven by the roots (a list the planner can size) rather than grouped from the walk, so that the lines
      -- look their units up by id instead of reading all of them.
      select r.id as root_id, s.expected, s.filled
      from units r cross join lateral (
        select (1 + coalesce(sum(c.active_children), 0))::int as expected,
               (coalesce(sum(f.filled), 0) + (select count(*) from roster_entries own where own.campaign_id = ${campaignId} and own.unit_id = r.id))::int as filled
        from walk w
        left join unit_child_counts c on c.parent_id = w.id
        left join roster_child_counts f on f.campaign_id = ${campaignId} and f.parent_id = w.id
        where w.root_id = r.id
      ) s
      where r.id in ${roots} and r.active
    )`;
}

/**
 * The active units one and two levels below `root`, as a derived table (id, parent_id, depth, path) with `subtree`'s
 * ordered path: for a city its counties, their schools and its own schools. Read by the parent index alone, without a
 * walk or a sort of the whole subtree (a city's table has no deeper level).
 */
export function twoLevelsBelow(root: number): SQL {
  return sql`(
    select c.id, c.reporting_parent_id as parent_id, 1 as depth, array[${registryKey("c")}] collate "C" as path
    from units c where c.reporting_parent_id = ${root} and c.active
    union all
    select g.id, g.reporting_parent_id, 2, array[${registryKey("c")}, ${registryKey("g")}] collate "C"
    from units c join units g on g.reporting_parent_id = c.id and g.active
    where c.reporting_parent_id = ${root} and c.active)`;
}

/** The ids of the whole subtree of `roots` (themselves and inactive units included), as a parenthesised query for `… in ${…}`. */
export function subtreeIds(roots: UnitIds): SQL {
  return sql`(select t.id from ${subtree({ roots, activeOnly: false })} t)`;
}

/** The ids of the active subtree of `roots` (themselves included), as a parenthesised query for `… in ${…}`. */
export function activeSubtreeIds(roots: UnitIds): SQL {
  return sql`(select t.id from ${subtree({ roots, activeOnly: true })} t)`;
}

/** Each of `units` and the units above it, as a derived table (unit_id, id, depth): depth 0 is the unit itself. */
export function ancestors(units: UnitIds): SQL {
  return sql`(
    with recursive up(unit_id, id, parent_id, depth) as (
      select u.id, u.id, u.reporting_parent_id, 0 from units u where u.id in ${idList(units)}
      union all
      select up.unit_id, u.id, u.reporting_parent_id, up.depth + 1 from units u join up on u.id = up.parent_id
    )
    select unit_id, id, depth from up)`;
}

/** SQL true when `unit` is `root` or below it (whether or not the units between are active). */
export function isInSubtree(unit: number | SQL, root: number | SQL): SQL {
  return sql`exists (select 1 from ${ancestors(typeof unit === "number" ? unit : sql`(${unit})`)} a where a.id = ${root})`;
}

/**
 * The submission whose table holds each of `units` in each campaign, as a derived table (unit_id,
 * campaign_id, submission_id, reporting_unit_id): that of the nearest unit at or above it that the
 * campaign is assigned to.
 */
export function holdingSubmissions(units: UnitIds): SQL {
  return sql`(
    select distinct on (s.campaign_id, a.unit_id) a.unit_id, s.campaign_id, s.id as submission_id, s.unit_id as reporting_unit_id
    from ${ancestors(units)} a join submissions s on s.unit_id = a.id
    order by s.campaign_id, a.unit_id, a.depth)`;
}

export async function isUnitInSubtree({ db, unitId, rootId }: { db: DbOrTx; unitId: number; rootId: number }): Promise<boolean> {
  const [row] = await queryRows(db, { inside: col.bool }, sql`select ${isInSubtree(unitId, rootId)} as inside`);
  return row.inside;
}

/** The units above `unitId`, from the root down to its parent. */
export async function getAncestorsByUnit({ db, unitId }: { db: DbOrTx; unitId: number }): Promise<{ id: number; name: string }[]> {
  return queryRows(
    db,
    { id: col.int, name: col.text },
    sql`select u.id, u.name from ${ancestors(unitId)} a join units u on u.id = a.id where a.depth > 0 order by a.depth desc`,
  );
}
