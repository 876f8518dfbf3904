import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { ReportingUnitOption } from "@/lib/review/queries";

const selectClass = "h-8 rounded border border-slate-300 bg-white px-2 text-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 outline-none";

export type QueueParams = { campaign: string; status: string; unit: string; late: string; order: string };

/** A plain GET form: the filters live in the URL, so a filtered queue can be bookmarked or shared. */
export function QueueFilter({ campaigns, units, params }: { campaigns: { id: number; label: string }[]; units: ReportingUnitOption[]; params: QueueParams }) {
  const select = (id: string, label: string, value: string, options: [string, string][]) => (
    <label htmlFor={id} className="flex items-center gap-2 text-sm text-slate-700">
      {label}
      <select id={id} name={id} defaultValue={value} className={selectClass} data-testid={`queue-${id}`}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" className="flex flex-wrap items-center gap-4" aria-label="筛选">
      {campaigns.length > 1 && select("campaign", "任务", params.campaign, campaigns.map((c) => [String(c.id), c.label]))}
      {select("status", "状态", params.status, [["", "全部"], ["submitted", "待审核"], ["returned", "已退回"], ["approved", "已通过"]])}
      {select("unit", "报送单位", params.unit, [["", "全部"], ...units.map((u): [string, string] => [String(u.id), u.name])])}
      {select("late", "是否逾期", params.late, [["", "全部"], ["no", "按时"], ["yes", "逾期"]])}
      {select("order", "提交时间", params.order, [["asc", "从早到晚"], ["desc", "从晚到早"]])}
      {campaigns.length <= 1 && <input type="hidden" name="campaign" value={params.campaign} />}
      <button type="submit" className={buttonClass("primary")}>
        筛选
      </button>
      <Link href={`/review?campaign=${params.campaign}`} className={buttonClass("link")}>
        清除筛选
      </Link>
    </form>
  );
}
