import { Countdown } from "@/components/campaigns/countdown";
import { Card } from "@/components/ui/card";
import { Tag } from "@/components/ui/tag";
import { percent } from "@/lib/dashboard/progress";
import type { Dashboard } from "@/lib/dashboard/queries";
import { formatDateTime } from "@/lib/time";
import { ProgressTag } from "./progress-tag";

function Stat({ label, value, note, testId }: { label: string; value: React.ReactNode; note?: string; testId?: string }) {
  return (
    <div className="rounded border border-slate-200 px-4 py-3">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-medium text-slate-900 tabular-nums" data-testid={testId}>
        {value}
        {note && <span className="ml-2 text-sm font-normal text-slate-500">{note}</span>}
      </dd>
    </div>
  );
}

/** The campaign, its countdown, and the totals (every figure counted by the database). */
export function DashboardSummary({ dashboard, now }: { dashboard: Dashboard; now: Date }) {
  const { campaign, totals, scope, reporting } = dashboard;
  const done = totals.byProgress.submitted + totals.byProgress.approved;
  return (
    <Card>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <p className="text-base text-slate-900">{campaign.title}</p>
          <p className="text-sm text-slate-500">{campaign.docNumber}</p>
          <p className="text-sm text-slate-600">
            <Countdown deadline={campaign.deadline.toISOString()} serverNow={now.toISOString()} />
          </p>
        </div>
        {campaign.status === "closed" && <Tag tone="grey">已结束</Tag>}
      </div>
      {reporting && (
        <p className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="own-progress">
          本单位报送：
          <ProgressTag progress={reporting.progress} overdue={reporting.overdue} />
          <span>
            已填 {reporting.rowsFilled}/{reporting.rowsExpected} 行
          </span>
          {reporting.submittedAt && <span className="text-slate-500">提交于 {formatDateTime(reporting.submittedAt)}</span>}
        </p>
      )}
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {scope === "province" ? (
          <>
            <Stat label="应报单位" value={totals.units} testId="total-units" />
            <Stat label="已提交" value={done} note={`${percent(done, totals.units)}%`} testId="total-done" />
            <Stat label="已通过" value={totals.byProgress.approved} />
            <Stat label="已退回" value={totals.byProgress.returned} />
          </>
        ) : (
          <>
            <Stat label="所辖单位（含本单位）" value={totals.units} testId="total-units" />
            <Stat label="已填完" value={totals.units - totals.missing} note={`${percent(totals.units - totals.missing, totals.units)}%`} testId="total-done" />
          </>
        )}
        <Stat label="未完成" value={totals.missing} testId="total-missing" />
        <Stat label="逾期" value={totals.overdue} testId="total-overdue" />
        <Stat label="已填行数" value={`${totals.rowsFilled}/${totals.rowsExpected}`} note={`${percent(totals.rowsFilled, totals.rowsExpected)}%`} testId="total-rows" />
      </dl>
    </Card>
  );
}
