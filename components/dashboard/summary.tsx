import { Countdown } from "@/components/campaigns/countdown";
import { Card } from "@/components/ui/card";
import { Tag } from "@/components/ui/tag";
import { COUNTING_BASES, figureLabel } from "@/lib/campaigns/figures";
import { percent } from "@/lib/dashboard/progress";
import type { Dashboard } from "@/lib/dashboard/queries";
import { formatDateTime } from "@/lib/time";
import { ProgressTag } from "./progress-tag";

/** A figure: its label, the value (with a share), and under it a few words on what it counts. */
function Stat({ label, value, note, hint, testId }: { label: string; value: React.ReactNode; note?: string; hint: string; testId?: string }) {
  return (
    <div className="rounded border border-slate-200 px-4 py-3">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-medium text-slate-900 tabular-nums" data-testid={testId}>
        {value}
        {note && <span className="ml-2 text-sm font-normal text-slate-500">{note}</span>}
      </dd>
      <dd className="mt-1 text-xs text-slate-500">{hint}</dd>
    </div>
  );
}

/** The campaign, its countdown, and the totals (every figure counted by the database). */
export function DashboardSummary({ dashboard, now }: { dashboard: Dashboard; now: Date }) {
  const { campaign, totals, reporting, figures } = dashboard;
  const { reporting: tables, covered } = COUNTING_BASES;
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
        {figures ? (
          <>
            <Stat label={tables.label} value={figures.expected} hint={tables.short} testId="total-units" />
            <Stat label={figureLabel("submitted")} value={figures.submitted} note={`${percent(figures.submitted, figures.expected)}%`} hint="含审核中、已退回、已通过" testId="total-done" />
            <Stat label={figureLabel("approved")} value={figures.approved} hint="整张表审核通过" testId="total-approved" />
            <Stat label="退回待修改" value={totals.byProgress.returned} hint="已退回，尚未重新提交" testId="total-returned" />
          </>
        ) : (
          <>
            <Stat label={covered.label} value={totals.units} hint="本单位表中每行一个单位（含本单位）" testId="total-units" />
            <Stat label="已填完" value={totals.units - totals.missing} note={`${percent(totals.units - totals.missing, totals.units)}%`} hint="所辖单位的行均已填写" testId="total-done" />
          </>
        )}
        <Stat label="未完成" value={totals.missing} hint={figures ? "未报送，或退回后尚未重新提交" : "还有行未填写"} testId="total-missing" />
        <Stat label="逾期" value={totals.overdue} hint={figures ? "截止后提交，或截止后仍未完成" : "截止后仍未完成"} testId="total-overdue" />
        <Stat
          label={figures ? `${covered.label}（已填/应填）` : "已填行数"}
          value={`${totals.rowsFilled}/${totals.rowsExpected}`}
          note={`${percent(totals.rowsFilled, totals.rowsExpected)}%`}
          hint={covered.short}
          testId="total-rows"
        />
      </dl>
      {figures && (
        <p className="mt-3 text-xs leading-5 text-slate-500" data-testid="figure-bases">
          {tables.note}
          {covered.note}
        </p>
      )}
    </Card>
  );
}
