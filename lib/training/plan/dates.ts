// How a phase's dates read: 「2021年12月6日—12月10日」, or 「待定（另行通知）」 while the province has not set them.
// Pure: the pages, the emails and 我的任务 share it.

export const UNDECIDED = "待定（另行通知）";

const ORDINALS = ["一", "二", "三", "四", "五"];

/** 第一阶段 */
export function phaseLabel(ordinal: number): string {
  return `第${ORDINALS[ordinal - 1] ?? ordinal}阶段`;
}

function parts(date: string) {
  const [y, m, d] = date.split("-").map(Number);
  return { y, m, d };
}

/** `startsOn`/`endsOn` as stored ("2021-12-06"); the year is said once when both fall in it. */
export function formatPhaseDates(startsOn: string | null, endsOn: string | null): string {
  if (!startsOn || !endsOn) return UNDECIDED;
  const a = parts(startsOn);
  const b = parts(endsOn);
  const first = `${a.y}年${a.m}月${a.d}日`;
  if (startsOn === endsOn) return first;
  return `${first}—${a.y === b.y ? "" : `${b.y}年`}${b.m}月${b.d}日`;
}
