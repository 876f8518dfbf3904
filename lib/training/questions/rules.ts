// 问题收集反馈: what a question may say and where it stands, shared by the commands, the queries and the forms.
import type { QuestionCategory, QuestionState } from "@/db/schema";

export const CATEGORY_LABELS: Record<QuestionCategory, string> = {
  account: "账号",
  import: "导入",
  defect: "功能缺陷",
  definition: "统计口径",
  other: "其他",
};

export const STATE_LABELS: Record<QuestionState, string> = {
  open: "待处理",
  triaged: "市级已转交",
  answered: "已答复",
};

export const BODY_MAX = 2000;
export const NOTE_MAX = 500;
export const ANSWER_MAX = 4000;
export const SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024;

/** An unanswered question reminds the province after this many working days. */
export const REMINDER_WORKING_DAYS = 3;

/** Beijing has had no daylight saving since 1991: its wall clock is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/**
 * `from` moved on by `days` working days at the same time of day, a working day being Monday to Friday in Beijing:
 * Friday 15:00 plus 3 is Wednesday 15:00. Public holidays (国庆, 春节) and their make-up Saturdays are not
 * counted: the State Council's calendar changes every year, and a reminder a day early during a holiday is harmless.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let at = from.getTime();
  for (let left = days; left > 0; ) {
    at += DAY_MS;
    const weekday = new Date(at + BEIJING_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(at);
}

/**
 * Whether the asking unit's city sees the question first: a county's or a school's under a city does; the
 * reporting unit's own (a city's, a province-affiliated school's) goes straight to the province.
 */
export function goesThroughCity(question: { unitId: number; reportingUnitId: number; reportingUnitKind: string }): boolean {
  return question.unitId !== question.reportingUnitId && question.reportingUnitKind === "city_bureau";
}
