import { Countdown } from "@/components/campaigns/countdown";
import { cn } from "@/components/ui/cn";
import type { CampaignStatus, SubmissionStatus } from "@/db/schema";
import { formatDateTime } from "@/lib/time";

/**
 * The deadline with its countdown while the table still owes something; once approved, or once the campaign
 * is closed, the countdown means nothing: say what happened instead.
 */
export function SubmissionDeadline({
  deadline,
  now,
  status,
  approvedAt,
  campaignStatus,
}: {
  deadline: Date;
  now: Date;
  status: SubmissionStatus | null;
  approvedAt?: Date | null;
  campaignStatus: CampaignStatus;
}) {
  const outcome =
    status === "approved" ? (approvedAt ? `已于${formatDateTime(approvedAt)}审核通过` : "已审核通过") : campaignStatus === "closed" ? "任务已结束" : null;
  if (!outcome) return <Countdown deadline={deadline.toISOString()} serverNow={now.toISOString()} />;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span>截止时间：{formatDateTime(deadline)}（北京时间）</span>
      <span data-testid="submission-outcome" className={cn("rounded px-1.5 text-sm", status === "approved" ? "bg-green-50 text-green-700" : "bg-slate-100 text-slate-600")}>
        {outcome}
      </span>
    </span>
  );
}
