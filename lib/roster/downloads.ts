import "server-only";
import { eq } from "drizzle-orm";
import { submissionScans } from "@/db/schema";
import type { BuildDownload } from "@/lib/downloads/audited";
import { isUnitInScope } from "@/lib/authz/scope";
import { getSubmissionForActor } from "./queries";

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
