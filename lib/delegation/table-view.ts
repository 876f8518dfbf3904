// What 三级联动 changes on a table page for the person reading it: which rows are its to fill, what it may still
// hand on or decide, and what 「确认全部已提交」 acts on. Worked out from the rows the page already read.
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import type { Workspace } from "@/lib/roster/queries";
import { delegateMayWrite, isEditable, isFillerOf } from "@/lib/submissions/workflow";
import { awaitsDecision, type DeciderKind, decidedRowOf } from "./rules";

export function delegationOnTable(actor: Actor, { submission, rows, canEdit, delegation }: Pick<Workspace, "submission" | "rows" | "canEdit" | "delegation">) {
  const tableOpen = isEditable(submission);
  // A delegate fills the rows the city gave it and hands them in; the header and the scan are the city's.
  const ownRows = delegation ? rows.filter((r) => r.delegation?.delegateUnitId === actor.unitId) : [];
  const openRows = ownRows.filter((r) => r.delegation && delegateMayWrite(r.delegation.state));
  // A county collecting its schools: the rows it handed on to them (分派给学校), and those it may still hand on.
  const collectedRows = delegation ? rows.filter((r) => r.delegation?.collectorUnitId === actor.unitId) : [];
  const collecting = delegation !== null && delegation.collectorName === null && may(actor.role, "delegation.collect") && tableOpen && delegation.state === "filling";
  const freeSchools = collecting ? ownRows.filter((r) => r.unitKind === "school" && r.delegation?.state !== "confirmed").map((r) => ({ id: r.unitId, name: r.unitName })) : [];
  // The school rows that keep the county from 提交给市级: not yet confirmed by it.
  const pendingSchools = delegation?.state === "filling" ? collectedRows.filter((r) => r.delegation?.state !== "accepted" && r.delegation?.state !== "confirmed") : [];
  // The city's filler edits every row of the open table; a delegate the rows it holds open.
  const editor = { tableOpen, filler: isFillerOf(actor, submission), delegate: delegation !== null && may(actor.role, "roster.fill"), unitId: actor.unitId };
  // The city decides on its delegates' rows; a collecting county, until it hands in, on those of its schools.
  const decides: DeciderKind | null = canEdit ? "city" : collecting && collectedRows.length > 0 ? "county" : null;
  // 确认全部已提交 acts on the whole table, not only the page shown.
  const handedIn = decides
    ? (decides === "city" ? rows : collectedRows).filter((r) => r.delegation && awaitsDecision(decides, decidedRowOf(r.delegation))).map((r) => r.unitId)
    : [];
  return {
    ownRows,
    openRows,
    collectedRows,
    collecting,
    freeSchools,
    pendingSchools,
    toCounty: delegation?.collectorName != null,
    deciderName: delegation ? (delegation.collectorName ?? delegation.cityName) : "",
    delegateWrites: delegation !== null && tableOpen && openRows.length > 0,
    editor,
    decides,
    handedIn,
  };
}
