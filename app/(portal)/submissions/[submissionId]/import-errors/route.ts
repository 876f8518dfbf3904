import { DomainError } from "@/lib/core/errors";
import { parseId } from "@/lib/ids";
import { auditedDownload } from "@/lib/downloads/serve";
import { importErrorReport } from "@/lib/xlsx/exports";
import { previewFields } from "@/lib/xlsx/schemas";

/** The file that failed the preview, handed back with 错误说明 beside each wrong row. */
export async function POST(request: Request, { params }: { params: Promise<{ submissionId: string }> }) {
  const submissionId = parseId((await params).submissionId);
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  // The sheet the preview read, so the report marks the rows the person saw.
  const sheet = previewFields.sheet.safeParse(form?.get("sheet") ?? undefined);
  if (!submissionId || !(file instanceof File) || !sheet.success) return new Response("请选择要导入的文件。", { status: 400 });
  try {
    return await auditedDownload("xlsx.download_import_errors", importErrorReport(submissionId, file, sheet.data));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const message = error.options.fieldErrors?.file ?? error.message;
    return new Response(message, { status: error.options.kind === "not_found" ? 404 : 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
