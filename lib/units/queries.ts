import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { UnitKind } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assertPermission } from "@/lib/core/policy";
import { containsPattern, prefixPattern } from "@/lib/search";


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

/**
 * The reporting tree in registry order — within a parent, bureaus before schools, then by position —
 * walking only through active units when `activeOnly`.
 */
function orderedTree({ activeOnly }: { activeOnly: boolean }): SQL {
  const active = activeOnly ? sql`and u.active` : sql``;
  return sql`tree(id, depth, path) as (
      select id, 0, array[]::text[] from units where reporting_parent_id is null
      union all
      select u.id, t.depth + 1,
             t.path || ((case when u.kind in ('school', 'college') then '1' else '0' end) || lpad(u.sort_order::text, 6, '0') || u.code)
      from units u join tree t on u.reporting_parent_id = t.id
      where true ${active}
    )`;
}

/** The whole tree, or with `search` the units whose name contains it or whose code starts with it, with their ancestors. */
export async function getUnitTree({ db, actor, search }: { db: DbOrTx; actor: Actor; search?: string }): Promise<UnitNode[]> {
  assertPermission(actor, "units.manage");
  const q = search?.normalize("NFKC").trim();
  const match = q
    ? sql`u.name ilike ${containsPattern(q)} or u.code ilike ${prefixPattern(q)} or u.school_code like ${prefixPattern(q)}`
    : sql`true`;
  const rows = await db.execute(sql`
    with recursive ${orderedTree({ activeOnly: false })},
    hit as (select u.id from units u where ${match}),
    shown(id, parent) as (
      select u.id, u.reporting_parent_id from units u where u.id in (select id from hit)
      union
      select u.id, u.reporting_parent_id from units u join shown s on u.id = s.parent
    )
    select u.id, u.code, u.name, u.kind, u.reporting_parent_id, u.division_code, u.school_code, u.province_affiliated, u.active, t.depth,
           (select count(*)::int from units c where c.reporting_parent_id = u.id) as children,
           (select count(*)::int from users a where a.unit_id = u.id) as accounts,
           u.id in (select id from hit) as matched
    from tree t join units u on u.id = t.id
    where u.id in (select id from shown)
    order by t.path`);
  return rows.map((r) => ({
    id: Number(r.id),
    code: String(r.code),
    name: String(r.name),
    kind: r.kind as UnitKind,
    parentId: r.reporting_parent_id == null ? null : Number(r.reporting_parent_id),
    divisionCode: (r.division_code as string | null) ?? null,
    schoolCode: (r.school_code as string | null) ?? null,
    provinceAffiliated: Boolean(r.province_affiliated),
    active: Boolean(r.active),
    depth: Number(r.depth),
    children: Number(r.children),
    accounts: Number(r.accounts),
    matched: Boolean(r.matched) && Boolean(q),
  }));
}

export type UnitOption = { id: number; name: string; code: string; kind: UnitKind; depth: number };

/** Active units reachable through active units, in tree order: what a form may pick (a parent, a user's unit). */
/** Also the unit choices of the people page (`for: "users.manage"`). */
export async function getActiveUnitOptions({ db, actor, for: permission = "units.manage" }: { db: DbOrTx; actor: Actor; for?: "units.manage" | "users.manage" }): Promise<UnitOption[]> {
  assertPermission(actor, permission);
  const rows = await db.execute(sql`
    with recursive ${orderedTree({ activeOnly: true })}
    select u.id, u.name, u.code, u.kind, t.depth from tree t join units u on u.id = t.id where u.active order by t.path`);
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name), code: String(r.code), kind: r.kind as UnitKind, depth: Number(r.depth) }));
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
  const [row] = await db.execute(sql`
    select u.*,
           (select count(*)::int from users a where a.unit_id = u.id) as accounts,
           (select count(*)::int from roster_entries e where e.unit_id = u.id) as rows,
           (select count(*)::int from roster_entries e join submissions s on s.id = e.submission_id
             where e.unit_id = u.id and s.status in ('submitted', 'approved', 'returned')) as reported_rows,
           (select count(*)::int from campaign_assignments c where c.unit_id = u.id) as assignments
    from units u where u.id = ${unitId}`);
  if (!row) return null;
  const ancestors = await db.execute(sql`
    with recursive up(id, parent, depth) as (
      select id, reporting_parent_id, 0 from units where id = ${row.reporting_parent_id as number | null}
      union
      select u.id, u.reporting_parent_id, up.depth + 1 from units u join up on u.id = up.parent
    )
    select u.id, u.name from up join units u on u.id = up.id order by up.depth desc`);
  const children = await db.execute(sql`
    select id, name, code, kind, active from units where reporting_parent_id = ${unitId}
    order by (kind in ('school', 'college')), sort_order, code`);
  return {
    id: Number(row.id),
    code: String(row.code),
    name: String(row.name),
    kind: row.kind as UnitKind,
    parentId: row.reporting_parent_id == null ? null : Number(row.reporting_parent_id),
    divisionCode: (row.division_code as string | null) ?? null,
    schoolCode: (row.school_code as string | null) ?? null,
    provinceAffiliated: Boolean(row.province_affiliated),
    active: Boolean(row.active),
    children: children.length,
    accounts: Number(row.accounts),
    ancestors: ancestors.map((a) => ({ id: Number(a.id), name: String(a.name) })),
    childUnits: children.map((c) => ({ id: Number(c.id), name: String(c.name), code: String(c.code), kind: c.kind as UnitKind, active: Boolean(c.active) })),
    rows: Number(row.rows),
    reportedRows: Number(row.reported_rows),
    assignments: Number(row.assignments),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  };
}
