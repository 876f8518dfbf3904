// 分派填报's states and words, free of database imports so the city's table and the commands read the same table.
import type { DelegatedRowState } from "@/db/schema";
import { fromBeijing, toBeijing } from "@/lib/campaigns/schedule";
import { delegateMayWrite } from "@/lib/submissions/workflow";

/** A row's place in 三级联动, as the city's table shows it; "undelegated" is a row the city fills itself. */
export type RowDelegationState = DelegatedRowState | "undelegated";

export const ROW_DELEGATION_LABELS: Record<RowDelegationState, string> = {
  undelegated: "待分派",
  assigned: "待下级填写",
  submitted: "下级已提交",
  confirmed: "已确认",
  returned: "已退回下级",
  accepted: "县级已确认",
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The internal deadline the city is offered: two days before the campaign's, at 17:00 Beijing time. */
export function defaultDelegateDeadline(campaignDeadline: Date): Date {
  const { date } = toBeijing(new Date(campaignDeadline.getTime() - 2 * DAY_MS));
  return fromBeijing(date, "17:00") as Date;
}

/** 「提交给市级」, or 「提交给县级」 for a school whose county collects its schools. */
export function handInLabel(toKind: "city" | "county"): string {
  return toKind === "county" ? "提交给县级" : "提交给市级";
}

/** Who is reading the table: whether it is open for editing, and whether the reader is its filler or a delegate (its unit). */
export type TableEditor = { tableOpen: boolean; filler: boolean; delegate: boolean; unitId: number };

/**
 * Whether the reader may change a row now. The city's filler may change every row while the table is open, a
 * delegated one too (the change is recorded as the city's); a delegate only the rows it holds open (待下级填写, 已退回下级),
 * not those a collecting county handed on to its schools.
 */
export function mayEditRow(editor: TableEditor, row: { delegation: { state: DelegatedRowState; delegateUnitId: number } | null }): boolean {
  if (!editor.tableOpen) return false;
  if (editor.filler) return true;
  return editor.delegate && row.delegation !== null && row.delegation.delegateUnitId === editor.unitId && delegateMayWrite(row.delegation.state);
}

/** Who decides on delegated rows: the city on its table's, a collecting county on those it handed on to its schools. */
export type DeciderKind = "city" | "county";

/** A delegated row as a decision reads it: where it stands, and whether the county that collects it has handed it in. */
export type DecidedRow = { state: DelegatedRowState; collectorHandedIn: boolean | null };

/** A row of the table page (its RowDelegation) as a decision reads it. */
export function decidedRowOf(delegation: { state: DelegatedRowState; collectorUnitId: number | null; collectorHandedIn: boolean }): DecidedRow {
  return { state: delegation.state, collectorHandedIn: delegation.collectorUnitId === null ? null : delegation.collectorHandedIn };
}

/**
 * Whether a row waits for this decider's 确认 or 退回: handed in to it. A school's row its county handed on waits for
 * the county, until the county hands it to the city with its own.
 */
export function awaitsDecision(decider: DeciderKind, row: DecidedRow): boolean {
  return row.state === "submitted" && (decider === "county" || row.collectorHandedIn !== false);
}

/** What 确认 makes of a row: the city's 已确认, or the county's 县级已确认 until it hands the row on. */
export function confirmedState(decider: DeciderKind): "confirmed" | "accepted" {
  return decider === "county" ? "accepted" : "confirmed";
}

/** 确认 a row waiting for the decider; 退回 it too once confirmed by it; a county 收回 its school's row until it confirmed it. */
export function decisionsOn(decider: DeciderKind, row: DecidedRow): { confirm: boolean; return: boolean; takeBack: boolean } {
  const waiting = awaitsDecision(decider, row);
  const decided = row.state === confirmedState(decider);
  return { confirm: waiting, return: waiting || decided, takeBack: decider === "county" && !decided && row.state !== "confirmed" };
}
