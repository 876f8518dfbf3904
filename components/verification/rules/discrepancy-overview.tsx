import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { type Column, DataTable, headCellClass, TableFrame } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import type { DiscrepancyFilters, DiscrepancyLine, DiscrepancyOverview } from "@/lib/verification/rules/queries";
import { DISCREPANCY_STATE_LABELS, SEVERITY_LABELS } from "@/lib/verification/labels";
import { DiscrepancyStateTag, SeverityTag } from "../discrepancy-tags";

const COLUMNS: Column<DiscrepancyLine>[] = [
  { header: "报送单位", cell: (l) => l.reportingUnit, className: "w-32" },
  { header: "学校", cell: (l) => (l.schoolCode ? `${l.unitName}（${l.schoolCode}）` : l.unitName) },
  { header: "规则", cell: (l) => l.rule },
  { header: "级别", cell: (l) => <SeverityTag severity={l.severity} />, className: "w-16" },
  { header: "核验内容", cell: (l) => l.subject },
  { header: "比较", cell: (l) => <Values line={l} /> },
  { header: "状态", cell: (l) => <DiscrepancyStateTag state={l.state} />, className: "w-28" },
];

function Values({ line }: { line: DiscrepancyLine }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      <dt className="text-slate-500">{line.leftLabel}</dt>
      <dd>{line.leftValue ?? "（空）"}</dd>
      <dt className="text-slate-500">{line.rightLabel}</dt>
      <dd>{line.rightValue ?? "（空）"}</dd>
    </dl>
  );
}

/** The counts by rule and severity and by reporting unit, the filters, and a page of the items. */
export function DiscrepancyOverviewSection({ overview, filters, path }: { overview: DiscrepancyOverview; filters: DiscrepancyFilters; path: string }) {
  const count = (ruleId: number, severity: "error" | "notice") => overview.byRule.find((c) => c.ruleId === ruleId && c.severity === severity)?.count ?? 0;
  const params = { rule: filters.ruleId, severity: filters.severity, state: filters.state };
  return (
    <div className="flex flex-col gap-4">
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="按规则统计（未关闭）">
          <TableFrame
            testId="discrepancies-by-rule"
            minWidth="min-w-0"
            head={["规则", "错误", "提示"].map((h) => (
              <th key={h} scope="col" className={headCellClass}>
                {h}
              </th>
            ))}
          >
            {overview.rules.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{r.name}</td>
                <td className="px-3 py-2 tabular-nums">{count(r.id, "error")}</td>
                <td className="px-3 py-2 tabular-nums">{count(r.id, "notice")}</td>
              </tr>
            ))}
          </TableFrame>
        </Card>
        <Card title="按报送单位统计（未关闭）">
          <TableFrame
            testId="discrepancies-by-unit"
            minWidth="min-w-0"
            head={["报送单位", "涉及学校", "错误", "提示"].map((h) => (
              <th key={h} scope="col" className={headCellClass}>
                {h}
              </th>
            ))}
          >
            {overview.byReportingUnit.map((u) => (
              <tr key={u.name} className="border-t border-slate-100">
                <td className="px-3 py-2">{u.name}</td>
                <td className="px-3 py-2 tabular-nums">{u.schools}</td>
                <td className="px-3 py-2 tabular-nums">{u.errors}</td>
                <td className="px-3 py-2 tabular-nums">{u.notices}</td>
              </tr>
            ))}
          </TableFrame>
        </Card>
      </div>
      <Card title="差异明细">
        <form method="get" action={path} className="mb-3 flex flex-wrap items-end gap-3" aria-label="筛选差异">
          <label className="flex flex-col gap-1 text-sm text-slate-700">
            规则
            <select name="rule" defaultValue={filters.ruleId ?? ""} className={inputClass}>
              <option value="">全部规则</option>
              {overview.rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm text-slate-700">
            级别
            <select name="severity" defaultValue={filters.severity ?? ""} className={inputClass}>
              <option value="">全部级别</option>
              {Object.entries(SEVERITY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm text-slate-700">
            状态
            <select name="state" defaultValue={filters.state ?? ""} className={inputClass}>
              <option value="">未关闭的全部</option>
              {Object.entries(DISCREPANCY_STATE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass("default")} data-testid="discrepancy-filter">
            筛选
          </button>
        </form>
        <DataTable
          rows={overview.lines}
          columns={COLUMNS}
          rowKey={(l) => l.id}
          testId="discrepancy-lines"
          empty={{ title: "没有符合条件的差异", description: "导入数据源或修改规则后，请在「核验规则」中点击「重新核验」。" }}
          pager={{ path, params, page: overview.page, pages: overview.pages, summary: `共 ${overview.total} 条` }}
        />
      </Card>
    </div>
  );
}
