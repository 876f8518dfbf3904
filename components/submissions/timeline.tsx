"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Empty } from "@/components/ui/empty";
import type { TimelineEvent, TimelinePage } from "@/lib/roster/queries";
import { describeEvent } from "@/lib/submissions/event-labels";
import { formatDateTime } from "@/lib/time";

/** Who did what, when — newest first, a page at a time: 「更多」 loads the older events. */
export function Timeline({ submissionId, first }: { submissionId: number; first: TimelinePage }) {
  const [events, setEvents] = useState<TimelineEvent[]>(first.events);
  const [more, setMore] = useState(first.more);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  async function loadMore() {
    setLoading(true);
    setFailed(false);
    try {
      const response = await fetch(`/submissions/${submissionId}/events?before=${events.at(-1)!.id}`, { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const page = (await response.json()) as TimelinePage;
      setEvents((shown) => [...shown, ...page.events.map((e) => ({ ...e, at: new Date(e.at) }))]);
      setMore(page.more);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  }

  if (events.length === 0) return <Empty title="暂无记录" description="保存、提交、审核等操作都会记录在这里。" />;
  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col gap-3 border-l border-slate-200 pl-4" data-testid="timeline">
        {events.map((e) => (
          <li key={e.id} className="relative text-sm" data-testid="timeline-event">
            <span aria-hidden className="absolute top-1.5 -left-[1.32rem] h-2 w-2 rounded-full bg-brand-500" />
            <p className="text-slate-800">
              {e.actorName ?? "系统"} {describeEvent(e)}
            </p>
            <p className="text-xs text-slate-500">{formatDateTime(e.at)}</p>
          </li>
        ))}
      </ol>
      {more && (
        <div className="flex items-center gap-3">
          <Button type="button" onClick={loadMore} disabled={loading} data-testid="timeline-more">
            {loading ? "加载中…" : "更多"}
          </Button>
          {failed && (
            <p className="text-sm text-red-600" data-testid="timeline-more-error">
              加载失败，请检查网络后再点「更多」。
            </p>
          )}
        </div>
      )}
    </div>
  );
}
