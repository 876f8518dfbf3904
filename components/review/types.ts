import type { Duplicates, Review } from "@/lib/review/queries";
import type { RosterRow } from "@/lib/roster/queries";
import { formatDateTime } from "@/lib/time";

/** One row of the table a reviewer works on, as it crosses to the browser. */
export type ReviewRowView = {
  unitId: number;
  unitName: string;
  depth: number;
  entry: { name: string; position: string; phone: string; email: string; schoolCode: string | null } | null;
  registrySchoolCode: string | null;
  warnings: string[];
  duplicates: Duplicates | null;
  /** The reason this row carried at the last 「退回」 (shown on a resubmission). */
  previousReason: string | null;
  changed: boolean;
  /** Who filled the row: the last writer and its unit (a county or school, when the city delegated the row). */
  filledBy: { name: string | null; unitName: string | null } | null;
  /** Who of the city confirmed a delegated row, and when (Beijing time). */
  confirmedBy: { name: string | null; at: string } | null;
  /** Its place (from 1) among the rows the page lists. */
  ordinal: number;
};

/** The rows of the page shown, with what the review knows about each. */
export function toReviewRows(review: Review, rows: (RosterRow & { ordinal: number })[]): ReviewRowView[] {
  const previousReasons = new Map(review.lastReturn?.rowReasons.map((r) => [r.unitId, r.reason]));
  const changed = new Set(review.changes?.map((c) => c.unitId));
  return rows.map((row) => ({
    unitId: row.unitId,
    unitName: row.unitName,
    depth: row.depth,
    entry: row.entry && { name: row.entry.name, position: row.entry.position, phone: row.entry.phone, email: row.entry.email, schoolCode: row.entry.schoolCode },
    registrySchoolCode: row.registrySchoolCode,
    warnings: row.warnings,
    duplicates: review.duplicates.get(row.unitId) ?? null,
    previousReason: previousReasons.get(row.unitId) ?? null,
    changed: changed.has(row.unitId),
    filledBy: row.entry && { name: row.entry.updatedByName, unitName: row.entry.updatedByUnitName },
    confirmedBy: row.delegation?.state === "confirmed" && row.delegation.decidedAt ? { name: row.delegation.decidedByName, at: formatDateTime(row.delegation.decidedAt) } : null,
    ordinal: row.ordinal,
  }));
}
