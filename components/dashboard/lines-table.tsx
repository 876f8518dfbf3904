import { Empty } from "@/components/ui/empty";
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

/**
 * One row per unit: status, rows filled of rows expected, when it submitted, on time or 逾期, and the
 * last reminder it was sent. With `urge`, each row has 「催报」 (but a city's own row: it does not urge itself).
 */
export function LinesTable({ lines, urge, testId, empty }: { lines: DashboardLine[]; urge?: { campaignId: number; exceptUnitId?: number }; testId: string; empty: string }) {
  if (lines.length === 0) return <Empty title={empty} />;
  return (
    <div className="max-h-[70vh] overflow-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="sticky top-0 z-10 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-normal">单位</th>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">状态</th>
            <th scope="col" className="px-3 py-2 text-right font-normal whitespace-nowrap">已填/应填</th>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">提交时间</th>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">按时/逾期</th>
            <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">最近提醒</th>
            {urge && <th scope="col" className="px-3 py-2 font-normal whitespace-nowrap">操作</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line) => (
            <tr key={line.unitId} className="hover:bg-slate-50" data-testid="dashboard-line" data-unit={line.unitName}>
              <td className="px-3 py-2">
                <span className="text-slate-900">{line.unitName}</span>
                <span className="ml-2 text-xs text-slate-400">{UNIT_KIND_LABELS[line.unitKind]}</span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <ProgressTag progress={line.progress} />
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                {line.rowsFilled}/{line.rowsExpected}
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">{line.submittedAt ? formatDateTime(line.submittedAt) : "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <Timeliness line={line} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600" data-testid="last-reminder">
                {line.lastReminderAt ? formatDateTime(line.lastReminderAt) : "—"}
              </td>
              {urge && (
                <td className="px-3 py-2">
                  {line.unitId !== urge.exceptUnitId && <UrgeButton campaignId={urge.campaignId} unitId={line.unitId} unitName={line.unitName} />}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
