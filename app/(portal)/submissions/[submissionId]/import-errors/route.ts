import { DomainError } from "@/lib/core/errors";
import { parseId } from "@/lib/ids";
import { auditedDownload } from "@/lib/downloads/serve";
import { importErrorReport } from "@/lib/xlsx/exports";

/** The file that failed the preview, handed back with 错误说明 beside each wrong row. */
export async function POST(request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const submissionId = parseId((await params).submissionId);
  const file = (await request.formData().catch(() => null))?.get("file");
  if (!submissionId || !(file instanceof File)) return new Response("请选择要导入的文件。", { status: 400 });
  try {
    return await auditedDownload("xlsx.download_import_errors", importErrorReport(submissionId, file));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const message = error.options.fieldErrors?.file ?? error.message;
    return new Response(message, { status: error.options.kind === "not_found" ? 404 : 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
