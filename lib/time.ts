/** Every time a person sees is Beijing time, whatever the server's zone. */
const TIME_ZONE = "Asia/Shanghai";

const parts = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function beijingParts(date: Date) {
  const list = parts.formatToParts(date);
  const get = (type: string) => list.find((p) => p.type === type)?.value ?? "";
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** 2021年11月26日 17:00 */
export function formatDateTime(date: Date): string {
  const p = beijingParts(date);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** 2021年11月26日 */
export function formatDate(date: Date): string {
  const p = beijingParts(date);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** 20211126, for file names */
export function compactDate(date: Date): string {
  const p = beijingParts(date);
  return `${p.year}${p.month.padStart(2, "0")}${p.day.padStart(2, "0")}`;
}

/** "剩余 3 天 4 小时" / "剩余 12 分钟" / "已截止 2 天" — coarse enough to read at a glance. */
export function describeRemaining(deadline: Date, now: Date): { text: string; overdue: boolean; urgent: boolean } {
  const ms = deadline.getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const span = days > 0 ? `${days} 天 ${hours} 小时` : hours > 0 ? `${hours} 小时 ${mins} 分钟` : `${mins} 分钟`;
  return ms >= 0
    ? { text: `剩余 ${span}`, overdue: false, urgent: ms < 24 * 3600 * 1000 }
    : { text: `已截止 ${span}`, overdue: true, urgent: true };
}
