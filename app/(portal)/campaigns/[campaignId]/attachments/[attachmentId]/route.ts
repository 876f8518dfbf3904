import { getDb } from "@/db";
import { getActor } from "@/lib/auth/current";
import { getAttachmentForActor } from "@/lib/campaigns/queries";
import { parseId } from "@/lib/ids";
import { fileResponse } from "@/lib/downloads/response";

/** A notice's attachment, for whoever may see the campaign; always downloaded, never rendered. */
export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string; attachmentId: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  const { campaignId: rawCampaign, attachmentId: rawAttachment } = await params;
  const campaignId = parseId(rawCampaign);
  const attachmentId = parseId(rawAttachment);
  const attachment = campaignId && attachmentId && (await getAttachmentForActor({ db: getDb(), actor, campaignId, attachmentId }));
  if (!attachment) return new Response("未找到该附件，或您无权访问。", { status: 404 });
  return fileResponse({ content: attachment.content, fileName: attachment.fileName, contentType: attachment.mimeType });
}
