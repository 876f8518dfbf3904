// The stamped scan of the printed table (填报单位（盖章）): recognised on upload, handed out on download.
import "server-only";
import { eq } from "drizzle-orm";
import { submissionScans } from "@/db/schema";
import type { BuildDownload } from "@/lib/downloads/audited";
import { isUnitInScope } from "@/lib/authz/scope";
import { getSubmissionForActor } from "./queries";

/** Recognises a scan by its first bytes, not its name: PDF, PNG or JPEG. */
export function sniffScanType(bytes: Uint8Array): "application/pdf" | "image/png" | "image/jpeg" | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  return null;
}

/** The scan, shown inline by the viewer, for anyone who may see the whole submission. */
export function scanDownload(submissionId: number): BuildDownload {
  return async (tx, actor) => {
    const submission = await getSubmissionForActor({ db: tx, actor, submissionId });
    // The scan shows every unit's administrator: only those with the whole table in scope may open it.
    if (!submission || !(await isUnitInScope(tx, actor, submission.unitId))) return null;
    const [scan] = await tx.select().from(submissionScans).where(eq(submissionScans.submissionId, submission.id));
    if (!scan) return null;
    return { body: scan.content, fileName: scan.fileName, contentType: scan.mimeType, disposition: "inline", target: { type: "submission", id: submission.id } };
  };
}
