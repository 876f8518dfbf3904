import { Empty } from "@/components/ui/empty";
import type { TimelineEvent } from "@/lib/roster/queries";
import { describeEvent, type TimelineEntry } from "@/lib/submissions/event-labels";
import { formatDateTime } from "@/lib/time";

/** One line of the timeline; the page also renders the events its own saves have just answered with it. */
export function TimelineItem({ event }: { event: TimelineEntry & { at: Date; actorName: string | null } }) {
  return (
    <li className="relative text-sm">
      <span aria-hidden className="absolute top-1.5 -left-[1.32rem] h-2 w-2 rounded-full bg-brand-500" />
      <p className="text-slate-800">
        {event.actorName ?? "系统"} {describeEvent(event)}
      </p>
      <p className="text-xs text-slate-500">{formatDateTime(event.at)}</p>
    </li>
  );
}

/** Who did what, when — newest first; `lead` is what happened on this page since it was rendered. */
export function Timeline({ events, lead }: { events: TimelineEvent[]; lead?: React.ReactNode }) {
  if (events.length === 0 && !lead) return <Empty title="暂无记录" description="保存、提交、审核等操作都会记录在这里。" />;
  return (
    <ol className="flex flex-col gap-3 border-l border-slate-200 pl-4" data-testid="timeline">
      {lead}
      {events.map((e) => (
        <TimelineItem key={e.id} event={e} />
      ))}
    </ol>
  );
}
