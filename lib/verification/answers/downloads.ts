import "server-only";
import { and, eq } from "drizzle-orm";
import { discrepancies, discrepancyAttachments } from "@/db/schema";
import { isUnitInScope } from "@/lib/authz/scope";
import { may } from "@/lib/core/policy";
import type { BuildDownload } from "@/lib/downloads/audited";

/** A 情况说明's attachment, for the school and the levels above it. */
export function attachmentDownload(campaignId: number, discrepancyId: number): BuildDownload {
  return async (tx, actor) => {
    if (!may(actor.role, "verification.read")) return null;
    const [row] = await tx
      .select({ unitId: discrepancies.unitId, fileName: discrepancyAttachments.fileName, mimeType: discrepancyAttachments.mimeType, content: discrepancyAttachments.content })
      .from(discrepancyAttachments)
      .innerJoin(discrepancies, eq(discrepancies.id, discrepancyAttachments.discrepancyId))
      .where(and(eq(discrepancyAttachments.discrepancyId, discrepancyId), eq(discrepancies.campaignId, campaignId)));
    if (!row || !(await isUnitInScope(tx, actor, row.unitId))) return null;
    return { body: row.content, fileName: row.fileName, contentType: row.mimeType, disposition: "attachment", target: { type: "discrepancy", id: discrepancyId } };
  };
}
