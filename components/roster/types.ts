import type { saveRow } from "@/lib/roster/actions";
import type { RosterRow } from "@/lib/roster/queries";

/** A roster row as it crosses to the browser (dates as ISO strings). */
export type RosterRowView = Omit<RosterRow, "entry"> & {
  entry: (Omit<NonNullable<RosterRow["entry"]>, "updatedAt"> & { updatedAt: string }) | null;
};

export function toEntryView(entry: RosterRow["entry"]): RosterRowView["entry"] {
  return entry && { ...entry, updatedAt: entry.updatedAt.toISOString() };
}

export function toRowView<R extends RosterRow>(row: R): Omit<R, "entry"> & Pick<RosterRowView, "entry"> {
  return { ...row, entry: toEntryView(row.entry) };
}

/** A row of the page shown, with its place in the whole table. */
export type ShownRowView = RosterRowView & { ordinal: number };

/** What a row save answers with: the row as stored, and its timeline event (none when nothing changed). */
export type RowSaved = Extract<Awaited<ReturnType<typeof saveRow>>, { ok: true }>["data"];
