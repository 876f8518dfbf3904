import { ExportButton } from "@/components/privacy/export-button";
import type { NoticeSection } from "@/lib/privacy/notice";
import { TABLE_TITLE } from "@/lib/roster/template";
import { commitRosterImport, previewRosterImport } from "@/lib/xlsx/actions";
import { IMPORT_MAX_ROWS } from "@/lib/xlsx/limits";
import { ImportDialog } from "./import-dialog";

/** 「下载模板」「导入」「导出」 beside the table; import only for those who may edit it now. Both downloads carry the saved rows. */
export function ExcelActions({
  submissionId,
  canImport,
  exportRows,
  privacyNotice,
}: {
  submissionId: number;
  canImport: boolean;
  exportRows: number;
  privacyNotice: NoticeSection[];
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ExportButton href={`/submissions/${submissionId}/template`} rows={exportRows} label="下载模板" fileName={`${TABLE_TITLE}（模板）.xlsx`} testId="template-download" />
      {canImport && (
        <ImportDialog
          preview={previewRosterImport}
          commit={commitRosterImport}
          fields={{ submissionId: String(submissionId) }}
          title="从 Excel 导入"
          description={`请用「下载模板」得到的表格填写，不超过 ${IMPORT_MAX_ROWS} 行。只导入填写了管理员信息的行，未填写的行保持原样；表格以外的列不会读取。导入前会先显示预览，确认后才写入。`}
          errorReportUrl={`/submissions/${submissionId}/import-errors`}
          privacyNotice={privacyNotice}
        />
      )}
      <ExportButton href={`/submissions/${submissionId}/export`} rows={exportRows} label="导出" fileName={`${TABLE_TITLE}.xlsx`} testId="export-download" />
    </div>
  );
}
