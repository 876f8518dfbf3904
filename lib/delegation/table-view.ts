// What 三级联动 changes on a table page for the person reading it: which rows are its to fill, what it may still hand on
// or decide, and what 「确认全部已提交」 acts on. Pure: worked out from what lib/delegation/table-queries.ts read — a
// delegate's own rows (a few), or for the city the rows waiting for it — never from the whole table.
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import type { Workspace } from "@/lib/roster/queries";
import { delegateMayWrite, isEditable, isFillerOf } from "@/lib/submissions/workflow";
import { progressOfRows } from "./progress";
import { awaitsDecision, type DeciderKind, decidedRowOf, type TableEditor } from "./rules";
import type { DelegateTableRow } from "./table-queries";

/** The rows a delegate reads of the table (those delegated to it, and those it handed on to its schools), and for the city the rows handed in to it. */
export type DelegationRead = { delegateRows: readonly DelegateTableRow[]; handedToCity: readonly number[] };

export function delegationOnTable(actor: Actor, { submission, canEdit, delegation }: Pick<Workspace, "submission" | "canEdit" | "delegation">, { delegateRows, handedToCity }: DelegationRead) {
  const tableOpen = isEditable(submission);
  // A delegate fills the rows the city gave it and hands them in; the header and the scan are the city's.
  const ownRows = delegateRows.filter((r) => r.delegation.delegateUnitId === actor.unitId);
  const openRows = ownRows.filter((r) => delegateMayWrite(r.delegation.state));
  // A county collecting its schools: the rows it handed on to them (分派给学校), and those it may still hand on.
  const collectedRows = delegateRows.filter((r) => r.delegation.collectorUnitId === actor.unitId);
  const collecting = delegation !== null && delegation.collectorName === null && may(actor.role, "delegation.collect") && tableOpen && delegation.state === "filling";
  const freeSchools = collecting ? ownRows.filter((r) => r.unitKind === "school" && r.delegation.state !== "confirmed").map((r) => ({ id: r.unitId, name: r.unitName })) : [];
  // The school rows that keep the county from 提交给市级: not yet confirmed by it.
  const pendingSchools = delegation?.state === "filling" ? collectedRows.filter((r) => r.delegation.state !== "accepted" && r.delegation.state !== "confirmed") : [];
  // The city's filler edits every row of the open table; a delegate the rows it holds open.
  const editor: TableEditor = { tableOpen, filler: isFillerOf(actor, submission), delegate: delegation !== null && may(actor.role, "roster.fill"), unitId: actor.unitId };
  // The city decides on its delegates' rows; a collecting county, until it hands in, on those of its schools.
  const decides: DeciderKind | null = canEdit ? "city" : collecting && collectedRows.length > 0 ? "county" : null;
  // 确认全部已提交 acts on the whole table, not only the page shown.
  const handedIn =
    decides === "city" ? [...handedToCity] : decides === "county" ? collectedRows.filter((r) => awaitsDecision("county", decidedRowOf(r.delegation))).map((r) => r.unitId) : [];
  const toCounty = delegation?.collectorName != null;
  return {
    ownRows: ownRows.length,
    open: openRows.map((r) => ({ unitId: r.unitId, unitName: r.unitName, filled: r.filled })),
    collectedRows: collectedRows.length,
    collecting,
    freeSchools,
    pendingSchools: pendingSchools.map((r) => ({ unitId: r.unitId, unitName: r.unitName })),
    accepted: collectedRows.filter((r) => r.delegation.state === "accepted").length,
    // A school's row its county handed in with its own is no longer the school's to withdraw.
    waiting:
      ownRows.filter((r) => r.delegation.state === "submitted" && !r.delegation.collectorHandedIn).length +
      collectedRows.filter((r) => r.delegation.state === "submitted" && r.delegation.collectorHandedIn).length,
    returned: ownRows.flatMap((r) =>
      r.delegation.state === "returned"
        ? [{ unitId: r.unitId, unitName: r.unitName, reason: r.delegation.returnReason, decidedByName: r.delegation.decidedByName, decidedAt: r.delegation.decidedAt }]
        : [],
    ),
    progress: progressOfRows(delegateRows, toCounty),
    toCounty,
    deciderName: delegation ? (delegation.collectorName ?? delegation.cityName) : "",
    delegateWrites: delegation !== null && tableOpen && openRows.length > 0,
    editor,
    decides,
    handedIn,
  };
}
