import { type Column, DataTable } from "@/components/ui/data-table";
import type { DashboardLine } from "@/lib/dashboard/queries";
import { formatDateTime } from "@/lib/time";
import { ProgressTag } from "./progress-tag";
import { UrgeButton } from "./urge-button";

const UNIT_KIND_LABELS: Record<DashboardLine["unitKind"], string> = {
  ministry: "教育部",
  province_bureau: "教育厅",
  city_bureau: "市级",
  county_bureau: "县（区）",
  school: "学校",
  college: "高职院校",
};

function Timeliness({ line }: { line: DashboardLine }) {
  if (line.overdue) return <span className="text-red-600">逾期</span>;
  if (line.submittedAt) return <span className="text-green-700">按时</span>;
  return <span className="text-slate-400">—</span>;
}

function columns(urge?: { campaignId: number; exceptUnitId?: number }): Column<DashboardLine>[] {
  return [
    {
      header: "单位",
      cell: (line) => (
        <>
          <span className="text-slate-900">{line.unitName}</span>
          <span className="ml-2 text-xs text-slate-400">{UNIT_KIND_LABELS[line.unitKind]}</span>
        </>
      ),
    },
    { header: "状态", className: "whitespace-nowrap", cell: (line) => <ProgressTag progress={line.progress} /> },
    { header: "已填/应填", className: "text-right whitespace-nowrap tabular-nums", cell: (line) => `${line.rowsFilled}/${line.rowsExpected}` },
    { header: "提交时间", className: "whitespace-nowrap text-slate-600", cell: (line) => (line.submittedAt ? formatDateTime(line.submittedAt) : "—") },
    { header: "按时/逾期", className: "whitespace-nowrap", cell: (line) => <Timeliness line={line} /> },
    {
      header: "最近提醒",
      className: "whitespace-nowrap text-slate-600",
      cell: (line) => <span data-testid="last-reminder">{line.lastReminderAt ? formatDateTime(line.lastReminderAt) : "—"}</span>,
    },
    ...(urge
      ? [
          {
            header: "操作",
            className: "whitespace-nowrap",
            cell: (line: DashboardLine) => line.unitId !== urge.exceptUnitId && <UrgeButton campaignId={urge.campaignId} unitId={line.unitId} unitName={line.unitName} />,
          },
        ]
      : []),
  ];
}

/**
 * One row per unit: status, rows filled of rows expected, when it submitted, on time or 逾期, and the
 * last reminder it was sent. With `urge`, each row has 「催报」 (but a city's own row: it does not urge itself).
 */
export function LinesTable({ lines, urge, testId, empty }: { lines: DashboardLine[]; urge?: { campaignId: number; exceptUnitId?: number }; testId: string; empty: string }) {
  return (
    <DataTable
      rows={lines}
      columns={columns(urge)}
      rowKey={(line) => line.unitId}
      rowProps={(line) => ({ "data-testid": "dashboard-line", "data-unit": line.unitName })}
      empty={{ title: empty }}
      minWidth="min-w-[820px]"
      testId={testId}
    />
  );
}
