import { toBeijing } from "@/lib/campaigns/schedule";

const MINUTE_MS = 60_000;

export type DueSlot = {
  /** Minutes relative to the deadline, as stored in campaigns.reminder_offsets. */
  offset: number;
  /** 「催报提醒」 before the deadline, 「逾期提醒」 after it. */
  kind: "reminder" | "overdue";
};

/**
 * The reminder slot to send now, or null. Only the most recent slot that has passed counts, so after
 * downtime a missed slot goes once (not every missed slot at once); before the deadline only slots
 * before it, and once the deadline has passed only the overdue notice. Slots that passed before the
 * campaign was published never go.
 */
export function dueSlot({ offsets, deadline, publishedAt, now }: { offsets: readonly number[]; deadline: Date; publishedAt: Date | null; now: Date }): DueSlot | null {
  const beforeDeadline = now < deadline;
  const passed = offsets.filter((offset) => {
    const at = deadline.getTime() + offset * MINUTE_MS;
    return at <= now.getTime() && (!publishedAt || at >= publishedAt.getTime()) && (offset < 0) === beforeDeadline;
  });
  if (passed.length === 0) return null;
  const offset = Math.max(...passed);
  return { offset, kind: offset < 0 ? "reminder" : "overdue" };
}

/** The daily digest goes in the last three days before the deadline, once per Beijing day, from 08:00. */
const DIGEST_WINDOW_MS = 3 * 24 * 60 * MINUTE_MS;
const DIGEST_FROM = "08:00";

/** The Beijing date ("2021-11-24") whose digest is due now, or null. */
export function dueDigestDay({ deadline, now }: { deadline: Date; now: Date }): string | null {
  const untilDeadline = deadline.getTime() - now.getTime();
  if (untilDeadline <= 0 || untilDeadline > DIGEST_WINDOW_MS) return null;
  const { date, time } = toBeijing(now);
  return time >= DIGEST_FROM ? date : null;
}
