import type { saveRow } from "@/lib/roster/actions";
import type { RosterRow, RowDelegation } from "@/lib/roster/queries";

/** A row's 分派填报 as it crosses to the browser (dates as ISO strings). */
export type RowDelegationView = Omit<RowDelegation, "submittedAt" | "decidedAt"> & { submittedAt: string | null; decidedAt: string | null };

/** A roster row as it crosses to the browser (dates as ISO strings), with whether the reader may change it now. */
export type RosterRowView = Omit<RosterRow, "entry" | "delegation"> & {
  entry: (Omit<NonNullable<RosterRow["entry"]>, "updatedAt"> & { updatedAt: string }) | null;
  delegation: RowDelegationView | null;
  editable: boolean;
};

export function toEntryView(entry: RosterRow["entry"]): RosterRowView["entry"] {
  return entry && { ...entry, updatedAt: entry.updatedAt.toISOString() };
}

function toDelegationView(delegation: RowDelegation | null): RowDelegationView | null {
  return delegation && { ...delegation, submittedAt: delegation.submittedAt?.toISOString() ?? null, decidedAt: delegation.decidedAt?.toISOString() ?? null };
}

/** `editable`: the reader may change the row now (mayEditRow, decided by the page). */
export function toRowView<R extends RosterRow>(row: R, editable: boolean): Omit<R, "entry" | "delegation"> & Pick<RosterRowView, "entry" | "delegation" | "editable"> {
  return { ...row, entry: toEntryView(row.entry), delegation: toDelegationView(row.delegation), editable };
}

/** A row of the page shown, with its place in the whole table. */
export type ShownRowView = RosterRowView & { ordinal: number };

/** What a row save answers with: the row as stored, and its timeline event (none when nothing changed). */
export type RowSaved = Extract<Awaited<ReturnType<typeof saveRow>>, { ok: true }>["data"];
