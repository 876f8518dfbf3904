"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Empty } from "@/components/ui/empty";
import type { TimelineEvent, TimelinePage } from "@/lib/roster/queries";
import { describeEvent, type TimelineEntry } from "@/lib/submissions/event-labels";
import { formatDateTime } from "@/lib/time";

/** One line of the timeline; the page also renders the events its own saves have just answered with it. */
export function TimelineItem({ event }: { event: TimelineEntry & { at: Date; actorName: string | null } }) {
  return (
    <li className="relative text-sm" data-testid="timeline-event">
      <span aria-hidden className="absolute top-1.5 -left-[1.32rem] h-2 w-2 rounded-full bg-brand-500" />
      <p className="text-slate-800">
        {event.actorName ?? "系统"} {describeEvent(event)}
      </p>
      <p className="text-xs text-slate-500">{formatDateTime(event.at)}</p>
    </li>
  );
}

/**
 * Who did what, when — newest first, a page at a time: 「更多」 loads the older events. `lead` is what
 * happened on this page since it was rendered.
 */
export function Timeline({ submissionId, first, lead }: { submissionId: number; first: TimelinePage; lead?: React.ReactNode }) {
  const [events, setEvents] = useState<TimelineEvent[]>(first.events);
  const [more, setMore] = useState(first.more);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  // A refresh of the page (after an import, a submit) hands a new first page: start again from it.
  const [shownFirst, setShownFirst] = useState(first);
  if (first !== shownFirst) {
    setShownFirst(first);
    setEvents(first.events);
    setMore(first.more);
  }

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

  if (events.length === 0 && !lead) return <Empty title="暂无记录" description="保存、提交、审核等操作都会记录在这里。" />;
  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col gap-3 border-l border-slate-200 pl-4" data-testid="timeline">
        {lead}
        {events.map((e) => (
          <TimelineItem key={e.id} event={e} />
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
