"use client";

import { createContext, useContext, useState } from "react";
import { TimelineItem } from "@/components/submissions/timeline";
import type { TimelineEntry } from "@/lib/submissions/event-labels";
import { type Readiness, type ScanState, submitBlockers } from "@/lib/submissions/workflow";

export type SavedEvent = TimelineEntry & { at: Date; actorName: string | null };

type Live = {
  /** Rows filled by saves on this page since the server rendered it. */
  newlyFilled: number;
  /** A save on this page changed a row since the server rendered it. */
  changed: boolean;
  events: SavedEvent[];
  saved(change: { filledRow: boolean; event: SavedEvent | null }): void;
};

const RosterLive = createContext<Live | null>(null);

/**
 * What the page's own row saves changed since the server rendered it: a save answers with its row and
 * its timeline event instead of rendering the whole table again. `rendered` names the server's render
 * (its newest event and count); a new one already holds these changes, so they are dropped.
 */
export function RosterLiveProvider({ rendered, children }: { rendered: string; children: React.ReactNode }) {
  const [state, setState] = useState({ rendered, newlyFilled: 0, events: [] as SavedEvent[] });
  if (state.rendered !== rendered) setState({ rendered, newlyFilled: 0, events: [] });
  const saved: Live["saved"] = ({ filledRow, event }) =>
    setState((s) => ({ ...s, newlyFilled: s.newlyFilled + (filledRow ? 1 : 0), events: event ? [event, ...s.events] : s.events }));
  // A save that changed something answers with its event; one that changed nothing has none.
  const live = { newlyFilled: state.newlyFilled, changed: state.events.length > 0, events: state.events, saved };
  return <RosterLive.Provider value={live}>{children}</RosterLive.Provider>;
}

export function useRosterLive(): Live {
  const live = useContext(RosterLive);
  if (!live) throw new Error("useRosterLive outside RosterLiveProvider");
  return live;
}

/** 已填 x / y, counting the page's own saves. */
export function FilledCount({ filled, total }: { filled: number; total: number }) {
  const { newlyFilled } = useRosterLive();
  return (
    <span className="text-slate-700" data-testid="progress">
      已填 {filled + newlyFilled} / {total}
    </span>
  );
}

/** Where the scan stands, counting the page's own saves: a change since the server rendered it outdates a scan that matched. */
export function useScanState(scan: ScanState): ScanState {
  const { changed } = useRosterLive();
  return scan === "current" && changed ? "outdated" : scan;
}

/** What 「提交」 still needs, counting the page's own saves. */
export function useSubmitBlockers(readiness: Readiness): string[] {
  const { newlyFilled } = useRosterLive();
  const scan = useScanState(readiness.scan);
  return submitBlockers({ ...readiness, rowsFilled: readiness.rowsFilled + newlyFilled, scan });
}

/** The timeline's newest lines: the page's own saves, until the server renders them. */
export function SavedEvents() {
  const { events } = useRosterLive();
  return events.map((event, i) => <TimelineItem key={`${event.at.getTime()}-${events.length - i}`} event={event} />);
}
