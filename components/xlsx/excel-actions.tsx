import { buttonClass } from "@/components/ui/button";
import { ImportDialog } from "./import-dialog";

/** 「下载模板」「导入」「导出」 beside the table; import only for those who may edit it now. */
export function ExcelActions({ submissionId, canImport }: { submissionId: number; canImport: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={`/submissions/${submissionId}/template`} download className={buttonClass("default")} data-testid="template-download">
        下载模板
      </a>
      {canImport && <ImportDialog submissionId={submissionId} />}
      <a href={`/submissions/${submissionId}/export`} download className={buttonClass("default")} data-testid="export-download">
        导出
      </a>
    </div>
  );
}
