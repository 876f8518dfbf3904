import { auditedDownload } from "@/lib/downloads/serve";
import { parseId } from "@/lib/ids";
import { screenshotDownload } from "@/lib/training/questions/downloads";

const NOT_FOUND = "未找到该截图，或您无权查看。";

/** A question's screenshot, opened inline; every opening is audited like the roster scan. */
export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string; questionId: string }> }) {
  const { campaignId, questionId } = await params;
  const ids = { campaign: parseId(campaignId), question: parseId(questionId) };
  if (!ids.campaign || !ids.question) return new Response(NOT_FOUND, { status: 404 });
  return auditedDownload("training.view_screenshot", screenshotDownload(ids.campaign, ids.question), NOT_FOUND);
}
