import { type Column, DataTable } from "@/components/ui/data-table";
import { SOURCES } from "@/lib/verification/sources";
import type { SnapshotView } from "@/lib/verification/snapshots/queries";
import { schoolYearLabel } from "@/lib/verification/tasks/years";
import { formatDateTime } from "@/lib/time";

const COLUMNS: Column<SnapshotView>[] = [
  { header: "学年", cell: (s) => schoolYearLabel(s.schoolYear), className: "w-24" },
  { header: "数据来源", cell: (s) => SOURCES[s.source].label },
  { header: "版本", cell: (s) => `第 ${s.version} 版`, className: "w-20" },
  { header: "学校数", cell: (s) => s.records, className: "w-20 text-right" },
  { header: "文件", cell: (s) => <span className="break-all">{s.fileName}</span> },
  { header: "导入人", cell: (s) => s.importedByName ?? "—", className: "w-24" },
  { header: "导入时间", cell: (s) => formatDateTime(s.importedAt), className: "w-44" },
];

/** Snapshots as imported; read-only, so a list without actions. */
export function SnapshotTable({ snapshots, testId = "snapshot-table" }: { snapshots: SnapshotView[]; testId?: string }) {
  return (
    <DataTable
      rows={snapshots}
      columns={COLUMNS}
      rowKey={(s) => s.id}
      rowProps={(s) => ({ "data-source": s.source, "data-year": s.schoolYear, "data-version": s.version })}
      empty={{ title: "还没有导入参考数据", description: "请用「导入参考数据」上传各来源系统导出的表格。" }}
      minWidth="min-w-[800px]"
      testId={testId}
    />
  );
}
