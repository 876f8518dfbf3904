import type { RosterRow } from "@/lib/roster/queries";

/** A roster row as it crosses to the browser (dates as ISO strings). */
export type RosterRowView = Omit<RosterRow, "entry"> & {
  entry: (Omit<NonNullable<RosterRow["entry"]>, "updatedAt"> & { updatedAt: string }) | null;
};

export function toRowView(row: RosterRow): RosterRowView {
  return { ...row, entry: row.entry && { ...row.entry, updatedAt: row.entry.updatedAt.toISOString() } };
}
