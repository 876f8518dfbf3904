// 逐级确认's tree, read in one place: which submission a unit's items belong to, which units below a level must have
// confirmed, and which confirmations stand.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { ancestors, subtree } from "@/lib/units/tree";

/** The submission of the verification task whose reporting unit is `unitId` or above it: where its items are reported. */
export async function reportingSubmissionOf(db: DbOrTx, campaignId: number, unitId: number): Promise<{ id: number; unitId: number } | null> {
  const row = await queryRow(
    db,
    { id: col.int, unitId: col.int },
    sql`select s.id, s.unit_id as "unitId" from submissions s
        where s.campaign_id = ${campaignId} and s.unit_id in (select a.id from ${ancestors(unitId)} a)
        limit 1`,
  );
  return row ?? null;
}

export type Confirmation = { unitId: number; confirmedAt: Date; confirmedByName: string | null };

/** The unit's confirmation in the task, with who made it. */
export async function confirmationOf(db: DbOrTx, campaignId: number, unitId: number): Promise<Confirmation | null> {
  const row = await queryRow(
    db,
    { unitId: col.int, confirmedAt: col.instant, confirmedByName: col.textOrNull },
    sql`select c.unit_id as "unitId", c.confirmed_at as "confirmedAt", u.name as "confirmedByName"
        from verification_confirmations c left join users u on u.id = c.confirmed_by
        where c.campaign_id = ${campaignId} and c.unit_id = ${unitId}`,
  );
  return row ?? null;
}

export type Child = { unitId: number; name: string; kind: "county_bureau" | "school" | "college"; confirmedAt: Date | null; open: number; answered: number };

/**
 * The units that confirm to `parentId`: its active schools, and its active counties that have a school below them (a
 * county with no school has nothing to verify). With each, whether it confirmed and its items still open and answered.
 */
export async function childrenOf(db: DbOrTx, campaignId: number, parentId: number): Promise<Child[]> {
  return queryRows(
    db,
    {
      unitId: col.int,
      name: col.text,
      kind: col.oneOf(["county_bureau", "school", "college"] as const),
      confirmedAt: col.instantOrNull,
      open: col.int,
      answered: col.int,
    },
    sql`
    with below as (
      select t.root_id as child_id, t.id
      from ${subtree({ roots: sql`(select u.id from units u where u.reporting_parent_id = ${parentId} and u.kind in ('county_bureau', 'school', 'college'))`, activeOnly: true })} t
    ),
    items as (
      select b.child_id,
             count(*) filter (where d.state in ('open', 'returned'))::int as open,
             count(*) filter (where d.state in ('corrected', 'explained'))::int as answered
      from below b join discrepancies d on d.unit_id = b.id and d.campaign_id = ${campaignId}
      group by b.child_id
    )
    select u.id as "unitId", u.name, u.kind, c.confirmed_at as "confirmedAt", coalesce(i.open, 0) as open, coalesce(i.answered, 0) as answered
    from units u
    left join verification_confirmations c on c.campaign_id = ${campaignId} and c.unit_id = u.id
    left join items i on i.child_id = u.id
    where u.reporting_parent_id = ${parentId} and u.active
      and (u.kind in ('school', 'college')
           or (u.kind = 'county_bureau' and exists (select 1 from below b join units s on s.id = b.id where b.child_id = u.id and s.kind in ('school', 'college'))))
    order by u.kind in ('school', 'college'), u.sort_order, u.code`,
  );
}

/** 「等待下级确认 x / y」: x of the y children still to confirm. */
export function waitingOn(children: Pick<Child, "confirmedAt">[]): { waiting: number; total: number } {
  return { waiting: children.filter((c) => !c.confirmedAt).length, total: children.length };
}
