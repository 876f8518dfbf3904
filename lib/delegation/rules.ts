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

/** Who is reading the table: whether it is open for editing, and whether the reader is its filler or a delegate. */
export type TableEditor = { tableOpen: boolean; filler: boolean; delegate: boolean };

/**
 * Whether the reader may change a row now. The city's filler may change every row while the table is open, a
 * delegated one too (the change is recorded as the city's); a delegate only the rows it holds open (待下级填写, 已退回下级).
 */
export function mayEditRow(editor: TableEditor, row: { delegation: { state: DelegatedRowState } | null }): boolean {
  if (!editor.tableOpen) return false;
  if (editor.filler) return true;
  return editor.delegate && row.delegation !== null && delegateMayWrite(row.delegation.state);
}
