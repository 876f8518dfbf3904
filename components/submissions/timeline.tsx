import { Empty } from "@/components/ui/empty";
import type { TimelineEvent } from "@/lib/roster/queries";
import { EVENT_LABELS } from "@/lib/submissions/events";
import { formatDateTime } from "@/lib/time";

function describe(event: TimelineEvent): string {
  const d = event.detail;
  if (event.action === "row.saved") return `${EVENT_LABELS[event.action]}：${String(d.unitName ?? "")}`;
  if (event.action === "scan.uploaded") return `${EVENT_LABELS[event.action]}：${String(d.fileName ?? "")}`;
  if (event.action === "submitted" && d.late) return "提交（逾期）";
  if (event.action === "returned" && d.reason) return `退回：${String(d.reason)}`;
  return EVENT_LABELS[event.action] ?? event.action;
}

/** Who did what, when — newest first. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <Empty title="暂无记录" description="保存、提交、审核等操作都会记录在这里。" />;
  return (
    <ol className="flex flex-col gap-3 border-l border-slate-200 pl-4" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} className="relative text-sm">
          <span aria-hidden className="absolute top-1.5 -left-[1.32rem] h-2 w-2 rounded-full bg-brand-500" />
          <p className="text-slate-800">
            {e.actorName ?? "系统"} {describe(e)}
          </p>
          <p className="text-xs text-slate-500">{formatDateTime(e.at)}</p>
        </li>
      ))}
    </ol>
  );
}
