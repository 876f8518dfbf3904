import { Countdown } from "@/components/campaigns/countdown";
import { formatDateTime } from "@/lib/time";

/** The city's internal deadline for a delegate: counted down while it still has rows to fill, plain once it has none. */
export function InternalDeadline({ deadline, now, open, cityName }: { deadline: Date; now: Date; open: boolean; cityName: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="internal-deadline">
      {open ? <Countdown deadline={deadline.toISOString()} serverNow={now.toISOString()} /> : <span>截止时间：{formatDateTime(deadline)}（北京时间）</span>}
      <span className="text-slate-500">（{cityName}要求）</span>
    </span>
  );
}
