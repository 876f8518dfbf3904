import { accountListExport } from "@/lib/accounts/export";
import { parseId } from "@/lib/ids";
import { auditedDownload } from "@/lib/downloads/serve";

/** 「账号开通清单」 of one campaign, as .xlsx. */
export async function GET(request: Request) {
  const campaignId = parseId(new URL(request.url).searchParams.get("campaign") ?? "");
  if (!campaignId) return new Response("请指定任务。", { status: 404 });
  return auditedDownload("account.export", accountListExport(campaignId));
}
