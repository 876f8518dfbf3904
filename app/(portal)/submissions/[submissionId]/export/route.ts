import { parseId } from "@/lib/ids";
import { auditedDownload } from "@/lib/downloads/serve";
import { submissionExport } from "@/lib/xlsx/exports";

/** 「导出」: the table as filled in, laid out as the notice's attachment. */
export async function GET(_request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const submissionId = parseId((await params).submissionId);
  if (!submissionId) return new Response("未找到该表格，或您无权下载。", { status: 404 });
  return auditedDownload("xlsx.export_submission", submissionExport(submissionId));
}
