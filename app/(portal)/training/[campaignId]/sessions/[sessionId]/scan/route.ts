import { auditedDownload } from "@/lib/downloads/serve";
import { parseId } from "@/lib/ids";
import { signInScanDownload } from "@/lib/training/attendance/downloads";

const NOT_FOUND = "未找到该签到表扫描件（可能尚未上传），或您无权查看。";

/** The signed 签到表's scan, opened inline; every opening is audited like a download. */
export async function GET(_request: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const sessionId = parseId((await params).sessionId);
  if (!sessionId) return new Response(NOT_FOUND, { status: 404 });
  return auditedDownload("training.view_sign_in_scan", signInScanDownload(sessionId), NOT_FOUND);
}
