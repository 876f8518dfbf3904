import { ExportButton } from "@/components/privacy/export-button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { TABLE_TITLE } from "@/lib/roster/template";
import { formatDateTime } from "@/lib/time";
import type { ExportableCampaign } from "@/lib/xlsx/queries";

const COLUMNS: Column<ExportableCampaign>[] = [
  {
    header: "任务",
    cell: (c) => (
      <>
        <p className="text-slate-900">{c.title}</p>
        <p className="text-xs text-slate-500">{c.docNumber}</p>
      </>
    ),
  },
  { header: "截止时间", className: "w-56", cell: (c) => formatDateTime(c.deadline) },
  { header: "已提交", className: "w-32", cell: (c) => `${c.submitted} / ${c.submissions}` },
  {
    header: "操作",
    className: "w-40",
    cell: (c) => <ExportButton href={`/exports/${c.id}`} rows={null} label="导出全省汇总" fileName={`${TABLE_TITLE}-全省汇总.xlsx`} testId="export-province" variant="primary" />,
  },
];

/** 「数据导出」: one line per campaign, each with its province-wide workbook. */
export function ExportCampaignTable({ campaigns }: { campaigns: ExportableCampaign[] }) {
  return (
    <DataTable
      rows={campaigns}
      columns={COLUMNS}
      rowKey={(c) => c.id}
      empty={{ title: "暂无可导出的任务", description: "任务发布后即可在这里导出。" }}
      minWidth="min-w-[640px]"
      testId="export-campaigns"
    />
  );
}
