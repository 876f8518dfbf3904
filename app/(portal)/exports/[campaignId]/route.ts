import { parseId } from "@/lib/ids";
import { auditedDownload } from "@/lib/downloads/serve";
import { provinceExport } from "@/lib/xlsx/exports";

/** The province's roster of a campaign: every unit, then one sheet per city-level table. */
export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string }> }) {
  const campaignId = parseId((await params).campaignId);
  if (!campaignId) return new Response("未找到该表格，或您无权下载。", { status: 404 });
  return auditedDownload("xlsx.export_province", provinceExport(campaignId));
}
