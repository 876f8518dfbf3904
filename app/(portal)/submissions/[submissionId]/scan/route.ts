import { auditedDownload } from "@/lib/downloads/serve";
import { parseId } from "@/lib/ids";
import { scanDownload } from "@/lib/roster/downloads";

const NOT_FOUND = "未找到该扫描件（可能尚未上传），或您无权查看。";

/** The stamped scan, opened inline in the browser; every opening is audited like a download. */
export async function GET(_request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const submissionId = parseId((await params).submissionId);
  if (!submissionId) return new Response(NOT_FOUND, { status: 404 });
  return auditedDownload("roster.view_scan", scanDownload(submissionId), NOT_FOUND);
}
