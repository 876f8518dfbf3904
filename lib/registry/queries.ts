import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { type UnitKind, unitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { unitsInScope } from "@/lib/authz/scope";
import { assertPermission } from "@/lib/core/policy";
import { containsPattern, prefixPattern } from "@/lib/search";
import { ancestors, getAncestorsByUnit, isUnitInSubtree, registryKey, subtree } from "@/lib/units/tree";

export type UnitNode = {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  divisionCode: string | null;
  schoolCode: string | null;
  provinceAffiliated: boolean;
  active: boolean;
  children: number;
  accounts: number;
};

/** A search result: the unit, and the units from the actor's own down to its parent. */
export type UnitHit = UnitNode & { path: { id: number; name: string }[] };

/** The most results a search lists: a person narrows the search rather than scrolls through thousands. */
export const UNIT_SEARCH_LIMIT = 50;

const UNIT_KIND = col.oneOf(unitKind.enumValues);

/** A unit's own columns, read from `units u`. */
const UNIT = {
  id: col.int,
  code: col.text,
  name: col.text,
  kind: UNIT_KIND,
  parentId: col.intOrNull,
  divisionCode: col.textOrNull,
  schoolCode: col.textOrNull,
  provinceAffiliated: col.bool,
  active: col.bool,
};
const UNIT_COLUMNS = sql`u.id, u.code, u.name, u.kind, u.reporting_parent_id as "parentId", u.division_code as "divisionCode", u.school_code as "schoolCode",
  u.province_affiliated as "provinceAffiliated", u.active`;
const NODE = { ...UNIT, children: col.int, accounts: col.int };
const NODE_COLUMNS = sql`${UNIT_COLUMNS},
  (select count(*)::int from units c where c.reporting_parent_id = u.id) as children,
  (select count(*)::int from users a where a.unit_id = u.id) as accounts`;

/**
 * What 「单位管理」 shows first: the actor's own unit (the root of what they manage) and the units right below it.
 * The rest of the tree loads a level at a time as it is opened (getUnitChildren).
 */
export async function getUnitTreeTop({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<UnitNode[]> {
  assertPermission(actor, "units.manage");
  return queryRows(
    db,
    NODE,
    sql`select ${NODE_COLUMNS} from units u where u.id = ${actor.unitId} or u.reporting_parent_id = ${actor.unitId}
        order by u.id <> ${actor.unitId}, ${registryKey("u")}`,
  );
}

/** The units right below `parentId` in registry order; null when the parent is not in the actor's tree. */
export async function getUnitChildren({ db, actor, parentId }: { db: DbOrTx; actor: Actor; parentId: number }): Promise<UnitNode[] | null> {
  assertPermission(actor, "units.manage");
  if (!(await isUnitInSubtree({ db, unitId: parentId, rootId: actor.unitId }))) return null;
  return queryRows(db, NODE, sql`select ${NODE_COLUMNS} from units u where u.reporting_parent_id = ${parentId} order by ${registryKey("u")}`);
}

/**
 * The units of the actor's tree whose name contains `search` or whose code or 学校标识码 begins with it, each with its
 * path, at most UNIT_SEARCH_LIMIT of them (by code); `total` counts them all.
 */
export async function searchUnits({ db, actor, search }: { db: DbOrTx; actor: Actor; search: string }): Promise<{ hits: UnitHit[]; total: number }> {
  assertPermission(actor, "units.manage");
  const q = search.normalize("NFKC").trim();
  if (!q) return { hits: [], total: 0 };
  const rows = await queryRows(
    db,
    { ...NODE, path: col.objects({ id: col.int, name: col.text }), total: col.int },
    sql`
    with hit as (
      select u.id from units u where u.name ilike ${containsPattern(q)} or u.code ilike ${prefixPattern(q)} or u.school_code like ${prefixPattern(q)}
    ),
    line as (select a.unit_id, a.id, a.depth from ${ancestors(sql`(select id from hit)`)} a),
    scoped as (select unit_id, depth as root_depth from line where id = ${actor.unitId})
    select ${NODE_COLUMNS}, count(*) over ()::int as total,
           (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name) order by l.depth desc), '[]')
            from line l join units p on p.id = l.id where l.unit_id = u.id and l.depth between 1 and s.root_depth) as path
    from scoped s join units u on u.id = s.unit_id
    order by u.code
    limit ${UNIT_SEARCH_LIMIT}`,
  );
  return { hits: rows, total: rows[0]?.total ?? 0 };
}

export type UnitOption = { id: number; name: string; code: string; kind: UnitKind; depth: number };

/** Active units of the actor's subtree reachable through active units, in tree order: what a form may pick (a parent, a user's unit). */
/** Also the unit choices of the people page (`for: "users.manage"`). */
export async function getActiveUnitOptions({ db, actor, for: permission = "units.manage" }: { db: DbOrTx; actor: Actor; for?: "units.manage" | "users.manage" }): Promise<UnitOption[]> {
  assertPermission(actor, permission);
  return queryRows(
    db,
    { id: col.int, name: col.text, code: col.text, kind: UNIT_KIND, depth: col.int },
    sql`select u.id, u.name, u.code, u.kind, t.depth from ${subtree({ roots: actor.unitId, activeOnly: true, ordered: true })} t join units u on u.id = t.id order by t.path`,
  );
}

export type UnitDetail = UnitNode & {
  /** From the root down to the parent. */
  ancestors: { id: number; name: string }[];
  childUnits: { id: number; name: string; code: string; kind: UnitKind; active: boolean }[];
  rows: number;
  reportedRows: number;
  assignments: number;
  createdAt: Date;
  updatedAt: Date;
};

export async function getUnitById({ db, actor, unitId }: { db: DbOrTx; actor: Actor; unitId: number }): Promise<UnitDetail | null> {
  assertPermission(actor, "units.manage");
  const row = await queryRow(
    db,
    {
      ...UNIT,
      accounts: col.int,
      rows: col.int,
      reportedRows: col.int,
      assignments: col.int,
      createdAt: col.instant,
      updatedAt: col.instant,
    },
    sql`
    select ${UNIT_COLUMNS}, u.created_at as "createdAt", u.updated_at as "updatedAt",
           (select count(*)::int from users a where a.unit_id = u.id) as accounts,
           (select count(*)::int from roster_entries e where e.unit_id = u.id) as rows,
           (select count(*)::int from roster_entries e join submissions s on s.id = e.submission_id
             where e.unit_id = u.id and s.status in ('submitted', 'approved', 'returned')) as "reportedRows",
           (select count(*)::int from campaign_assignments c where c.unit_id = u.id) as assignments
    from units u where u.id = ${unitId} and u.id in ${unitsInScope(actor)}`,
  );
  if (!row) return null;
  const childUnits = await queryRows(
    db,
    { id: col.int, name: col.text, code: col.text, kind: UNIT_KIND, active: col.bool },
    sql`select u.id, u.name, u.code, u.kind, u.active from units u where u.reporting_parent_id = ${unitId} order by ${registryKey("u")}`,
  );
  // The line down from the actor's own unit (absent when this is that unit): what lies above it (教育部, for a province) is outside its registry.
  const line = await getAncestorsByUnit({ db, unitId });
  const from = line.findIndex((a) => a.id === actor.unitId);
  const ancestors = from === -1 ? [] : line.slice(from);
  return { ...row, children: childUnits.length, ancestors, childUnits };
}
