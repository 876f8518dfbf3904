import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { type UnitKind, unitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { unitsInScope } from "@/lib/authz/scope";
import { assertPermission } from "@/lib/core/policy";
import { containsPattern, prefixPattern } from "@/lib/search";
import { ancestors, getAncestorsByUnit, registryKey, subtree } from "@/lib/units/tree";

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
  depth: number;
  children: number;
  accounts: number;
  /** Matches the search itself (the rest are its ancestors, shown for context). */
  matched: boolean;
};

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

/** The actor's subtree (a province), or with `search` the units whose name contains it or whose code starts with it, with their ancestors. */
export async function getUnitTree({ db, actor, search }: { db: DbOrTx; actor: Actor; search?: string }): Promise<UnitNode[]> {
  assertPermission(actor, "units.manage");
  const q = search?.normalize("NFKC").trim();
  const match = q
    ? sql`u.name ilike ${containsPattern(q)} or u.code ilike ${prefixPattern(q)} or u.school_code like ${prefixPattern(q)}`
    : sql`true`;
  const rows = await queryRows(
    db,
    { ...UNIT, depth: col.int, children: col.int, accounts: col.int, matched: col.bool },
    sql`
    with hit as (select u.id from units u where u.id in ${unitsInScope(actor)} and (${match}))
    select ${UNIT_COLUMNS}, t.depth,
           (select count(*)::int from units c where c.reporting_parent_id = u.id) as children,
           (select count(*)::int from users a where a.unit_id = u.id) as accounts,
           u.id in (select id from hit) as matched
    from ${subtree({ roots: actor.unitId, activeOnly: false, ordered: true })} t join units u on u.id = t.id
    where u.id in (select a.id from ${ancestors(sql`(select id from hit)`)} a)
    order by t.path`,
  );
  return rows.map((r) => ({ ...r, matched: r.matched && Boolean(q) }));
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

export type UnitDetail = Omit<UnitNode, "depth" | "matched"> & {
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
