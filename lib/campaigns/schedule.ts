// A campaign's deadline and reminder slots, as the province enters and reads them.
// Pure and browser-safe: the forms and the commands share it through ./schemas.

/** Beijing time is UTC+8 all year (no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant of a Beijing calendar date and wall-clock time ("2021-11-26", "17:00"), or null if there is no such time. */
export function fromBeijing(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  if (hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 2月30日 over into March: a date that does not come back unchanged does not exist.
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - BEIJING_OFFSET_MS);
}

/** The Beijing date and time of an instant, as the date and time inputs take them. */
export function toBeijing(instant: Date): { date: string; time: string } {
  const iso = new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** 3 days, 1 day and 3 hours before the deadline, and 1 hour after it (minutes; negative = before). */
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [-4320, -1440, -180, 60];

export const REMINDER_UNITS = { day: 1440, hour: 60, minute: 1 } as const;
export type ReminderUnit = keyof typeof REMINDER_UNITS;
const UNIT_LABELS: Record<ReminderUnit, string> = { day: "天", hour: "小时", minute: "分钟" };

/** One reminder slot as the form shows it: 截止前 3 天 = { when: "before", amount: 3, unit: "day" }. */
export type ReminderSlot = { when: "before" | "after"; amount: number; unit: ReminderUnit };

export function slotToOffset(slot: ReminderSlot): number {
  const minutes = slot.amount * REMINDER_UNITS[slot.unit];
  return slot.when === "before" ? -minutes : minutes;
}

/** The largest unit that divides the offset exactly, so a stored -1440 reads back as 截止前 1 天. */
export function offsetToSlot(offset: number): ReminderSlot {
  const minutes = Math.abs(offset);
  const unit: ReminderUnit = minutes % REMINDER_UNITS.day === 0 ? "day" : minutes % REMINDER_UNITS.hour === 0 ? "hour" : "minute";
  return { when: offset < 0 ? "before" : "after", amount: minutes / REMINDER_UNITS[unit], unit };
}

/** 截止前 3 天 / 截止后 1 小时 */
export function describeOffset(offset: number): string {
  const slot = offsetToSlot(offset);
  return `截止${slot.when === "before" ? "前" : "后"} ${slot.amount} ${UNIT_LABELS[slot.unit]}`;
}
