// How a session reads in lists and emails-to-be: its time span in Beijing time and where it is held.
import type { TrainingSession } from "@/db/schema";
import { formatDateTime } from "@/lib/time";
import { SESSION_MODES } from "@/lib/training/plan/schemas";

/** 2021年12月6日 09:00—12:00 */
export function sessionTime(s: Pick<TrainingSession, "startsAt" | "endsAt">): string {
  return `${formatDateTime(s.startsAt)}—${formatDateTime(s.endsAt).split(" ")[1]}`;
}

export function sessionMode(s: Pick<TrainingSession, "mode" | "remedial">): string {
  return `${SESSION_MODES[s.mode]}${s.remedial ? "（补训）" : ""}`;
}
