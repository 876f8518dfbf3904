import "server-only";
// What the table page needs of 三级联动 beside its page of rows, each read on its own and set-based: a delegate's own rows
// (a county's own and its schools', a school's one), and the rows handed in to the city that 「确认全部已提交」 acts on.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { delegatedRowState, unitKind } from "@/db/schema";
import { type TableScope, tableRowsFrom } from "@/lib/roster/table-page";
import { activeSubtreeIds } from "@/lib/units/tree";

/** One of a delegate's rows: whether it is filled, and where it stands. */
export type DelegateTableRow = {
  unitId: number;
  unitName: string;
  unitKind: (typeof unitKind.enumValues)[number];
  filled: boolean;
  delegation: {
    state: (typeof delegatedRowState.enumValues)[number];
    delegateUnitId: number;
    submittedAt: Date | null;
    returnReason: string | null;
    decidedAt: Date | null;
    decidedByName: string | null;
    /** The county that handed a school's row on to the school (分派给学校), and whether it has handed it in to the city. */
    collectorUnitId: number | null;
    collectorHandedIn: boolean;
  };
};

/** The rows of a delegate's scope (`delegatedTo` set: delegated to it, or handed on by it to its schools), in the table's order. */
export async function getDelegateRowsBySubmission({ db, scope }: { db: DbOrTx; scope: TableScope & { delegatedTo: number } }): Promise<DelegateTableRow[]> {
  const { from, where } = tableRowsFrom(scope);
  const rows = await queryRows(
    db,
    {
      unitId: col.int,
      unitName: col.text,
      unitKind: col.oneOf(unitKind.enumValues),
      filled: col.bool,
      state: col.oneOf(delegatedRowState.enumValues),
      delegateUnitId: col.int,
      submittedAt: col.instantOrNull,
      returnReason: col.textOrNull,
      decidedAt: col.instantOrNull,
      decidedByName: col.textOrNull,
      collectorUnitId: col.intOrNull,
      collectorHandedIn: col.bool,
    },
    sql`
    select u.id as "unitId", u.name as "unitName", u.kind as "unitKind", e.id is not null as filled, dr.state, d.delegate_unit_id as "delegateUnitId",
           case when dr.state in ('submitted', 'confirmed') then d.submitted_at end as "submittedAt", dr.return_reason as "returnReason",
           dr.decided_at as "decidedAt", dcb.name as "decidedByName", pd.delegate_unit_id as "collectorUnitId", coalesce(pd.state = 'submitted', false) as "collectorHandedIn"
    from ${from}
    left join users dcb on dcb.id = dr.decided_by
    where ${where}
    order by t.path`,
  );
  return rows.map(({ unitId, unitName, unitKind, filled, ...delegation }) => ({ unitId, unitName, unitKind, filled, delegation }));
}

/**
 * The rows handed in to the city (下级已提交; a school's once its county handed it in with its own), for 「确认全部已提交」:
 * every one of the table's, whatever page is shown.
 */
export async function getHandedToCityBySubmission({ db, submission }: { db: DbOrTx; submission: TableScope["submission"] }): Promise<number[]> {
  const rows = await queryRows(
    db,
    { unitId: col.int },
    sql`
    select dr.unit_id as "unitId"
    from delegated_rows dr
    join delegations d on d.id = dr.delegation_id
    left join delegations pd on pd.id = d.parent_delegation_id
    where dr.submission_id = ${submission.id} and dr.state = 'submitted' and (pd.id is null or pd.state = 'submitted')
      and dr.unit_id in ${activeSubtreeIds(submission.unitId)}
    order by dr.unit_id`,
  );
  return rows.map((r) => r.unitId);
}
