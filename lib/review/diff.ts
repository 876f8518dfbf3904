import type { SnapshotRow } from "@/db/schema";
import { ROW_FIELDS, type RowField } from "@/lib/roster/rules";

export type RowChange = {
  unitId: number;
  unitName: string;
  kind: "added" | "removed" | "changed";
  fields: { field: RowField; before: string | null; after: string | null }[];
};

/** What a resubmission changed, row by row, against the round before it; unchanged rows are left out. */
export function diffRounds(previous: readonly SnapshotRow[], current: readonly SnapshotRow[]): RowChange[] {
  const before = new Map(previous.map((r) => [r.unitId, r]));
  const after = new Map(current.map((r) => [r.unitId, r]));
  const changes: RowChange[] = [];
  for (const row of current) {
    const old = before.get(row.unitId);
    const fields = ROW_FIELDS.filter((f) => (old?.[f] ?? null) !== (row[f] ?? null)).map((field) => ({ field, before: old?.[field] ?? null, after: row[field] ?? null }));
    if (!old) changes.push({ unitId: row.unitId, unitName: row.unitName, kind: "added", fields });
    else if (fields.length > 0) changes.push({ unitId: row.unitId, unitName: row.unitName, kind: "changed", fields });
  }
  for (const row of previous) {
    if (!after.has(row.unitId)) {
      changes.push({ unitId: row.unitId, unitName: row.unitName, kind: "removed", fields: ROW_FIELDS.map((field) => ({ field, before: row[field] ?? null, after: null })) });
    }
  }
  return changes;
}
