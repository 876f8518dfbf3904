import { accountListExport } from "@/lib/accounts/export";
import { parseId } from "@/lib/ids";
import { exportRoute } from "@/lib/downloads/serve";

/** 「账号开通清单」 of one campaign, as .xlsx (a reason is POSTed for over 50 rows). */
export const { GET, POST } = exportRoute<Record<string, never>>("account.export", async (_params, request) => {
  const campaignId = parseId(new URL(request.url).searchParams.get("campaign") ?? "");
  return campaignId ? accountListExport(campaignId) : null;
});
