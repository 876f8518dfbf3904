// What an answer must be, in one place: the command refuses, the page explains and the confirmation counts by these.
import type { DiscrepancySeverity, DiscrepancyState } from "@/db/schema";
import { sniffAttachment } from "@/lib/campaigns/attachments";
import { sniffScanType } from "@/lib/roster/scan";

export const EXPLANATION_MAX = 1000;
export const CORRECTED_VALUE_MAX = 200;
export const RETURN_REASON_MAX = 500;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * An error is cleared only by correcting it in the source system: an explanation alone leaves the data wrong. A province
 * that accepts explanations for a rule downgrades the rule to 提示.
 */
export function mayExplain(severity: DiscrepancySeverity): boolean {
  return severity === "notice";
}

/** Answered as its severity requires, so it no longer holds up the school's confirmation (a closed item needs nothing). */
export function isSettled(severity: DiscrepancySeverity, state: DiscrepancyState): boolean {
  if (state === "closed" || state === "corrected") return true;
  return state === "explained" && mayExplain(severity);
}

/** A 情况说明's attachment by its bytes: PDF, JPG, PNG or XLSX. */
export function sniffAnswerAttachment(bytes: Uint8Array): { mimeType: string; extension: string } | null {
  const scan = sniffScanType(bytes);
  if (scan) return { mimeType: scan, extension: { "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg" }[scan] };
  return sniffAttachment(bytes) === "xlsx" ? { mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" } : null;
}
