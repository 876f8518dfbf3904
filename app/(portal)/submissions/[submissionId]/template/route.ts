import { parseId } from "@/lib/ids";
import { auditedDownload } from "@/lib/downloads/serve";
import { templateDownload } from "@/lib/xlsx/exports";

/** 「下载模板」: the notice's table with the units the actor's table covers. */
export async function GET(_request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const submissionId = parseId((await params).submissionId);
  if (!submissionId) return new Response("未找到该表格，或您无权下载。", { status: 404 });
  return auditedDownload("xlsx.download_template", templateDownload(submissionId));
}
