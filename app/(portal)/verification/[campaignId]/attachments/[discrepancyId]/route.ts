import { auditedDownload } from "@/lib/downloads/serve";
import { parseId } from "@/lib/ids";
import { attachmentDownload } from "@/lib/verification/answers/downloads";

const NOT_FOUND = "未找到该附件，或您无权查看。";

/** A 情况说明's attachment, for the school and the levels above it; every opening is audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string; discrepancyId: string }> }) {
  const { campaignId, discrepancyId } = await params;
  const ids = { campaign: parseId(campaignId), discrepancy: parseId(discrepancyId) };
  if (!ids.campaign || !ids.discrepancy) return new Response(NOT_FOUND, { status: 404 });
  return auditedDownload("verification.view_attachment", attachmentDownload(ids.campaign, ids.discrepancy), NOT_FOUND);
}
