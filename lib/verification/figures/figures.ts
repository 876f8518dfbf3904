// A verification task's figures, defined once: what each counts, what it is called, and how reporting units are
// ranked. The 核验情况 page and the verification bulletin (page, print view, Excel file) label and explain their numbers
// from here. Pure and browser-safe; the counting itself is ./counts.ts.
import type { DiscrepancySeverity, DiscrepancyState } from "@/db/schema";
import type { Receipt, ReportingReceipt } from "@/lib/campaigns/reporting-receipts";
import { rankBy } from "@/lib/bulletins/kind-tables";
import { formatRate } from "@/lib/campaigns/figures";
import { isSettled } from "../answers/rules";

export const RECEIPT_LABELS: Record<Receipt, string> = { onTime: "按时确认", late: "逾期确认", missing: "未确认" };

/** The items of a set of schools (closed items, no longer found in the data, are not counted). */
export type Items = { items: number; corrected: number; explained: number; unsettled: number };

/** The schools of a set, by what their items and confirmations say. */
export type SchoolCounts = { schools: number; withItems: number; withUnsettled: number; confirmed: number };

export type Figures = Items & SchoolCounts;

export const NO_ITEMS: Items = { items: 0, corrected: 0, explained: 0, unsettled: 0 };
const NO_FIGURES: Figures = { ...NO_ITEMS, schools: 0, withItems: 0, withUnsettled: 0, confirmed: 0 };

/** Column headings of the figures, in order, wherever they are tabulated. */
export const FIGURE_COLUMNS: { key: keyof Figures | "rate"; label: string }[] = [
  { key: "schools", label: "学校数" },
  { key: "withItems", label: "有核验问题的学校" },
  { key: "withUnsettled", label: "有未解决问题的学校" },
  { key: "items", label: "问题数" },
  { key: "corrected", label: "已更正" },
  { key: "explained", label: "已说明" },
  { key: "unsettled", label: "未解决" },
  { key: "confirmed", label: "已确认学校" },
  { key: "rate", label: "完成率" },
];

/** What each column means, said once under every table of verification figures. */
export const VERIFICATION_FIGURE_NOTES = [
  "本级确认按时确认、逾期确认以各报送单位（市级教育行政部门、省属学校）确认本级核验结果的时间与截止时间比较；未确认指尚未确认。",
  "学校数：报送单位所辖的在用学校数（省属学校为其本身）；有核验问题的学校：至少有一条核验问题的学校。",
  "问题数：核验规则查出的问题条数，已关闭的问题（新导入的数据中已无此差异）不计入。",
  "已更正：学校已在源系统更正的问题；已说明：学校已说明情况的问题。",
  "未解决：待处理、已退回的问题，以及只作了说明的错误类问题（错误须在源系统更正，说明不能解决）。",
  "完成率＝已确认学校 ÷ 学校数；无学校的不计算。",
];

/** How reporting units are ranked, said under the ranked table. */
export const RANKING_RULE = "排名先按完成率从高到低（无学校的排在最后），完成率相同的按未解决问题数从少到多，仍相同的名次并列。";

/** Share of the schools that confirmed; null when there are none. */
export function completionRate(f: Pick<Figures, "schools" | "confirmed">): number | null {
  return f.schools === 0 ? null : f.confirmed / f.schools;
}

/** A row's cells in FIGURE_COLUMNS order. */
export function figureCells(f: Figures): (number | string)[] {
  return FIGURE_COLUMNS.map(({ key }) => (key === "rate" ? formatRate(completionRate(f)) : f[key]));
}

/** Orders two units by RANKING_RULE: negative when `a` ranks before `b`, 0 when they share a rank. Rates compare exactly. */
export function compareForRank(a: Figures, b: Figures): number {
  if (a.schools === 0 || b.schools === 0) {
    if (a.schools !== b.schools) return a.schools === 0 ? 1 : -1;
  } else {
    const byRate = b.confirmed * a.schools - a.confirmed * b.schools;
    if (byRate !== 0) return byRate;
  }
  return a.unsettled - b.unsettled;
}

/** The rows sorted by RANKING_RULE (stable: ties keep their order) with their 名次; ties share one, the next skips (1, 1, 3). */
export function rankUnits<R extends Figures>(rows: readonly R[]): (R & { rank: number })[] {
  return rankBy(rows, compareForRank);
}

/** What the counting hands over: the reporting units with their confirmation, their schools, and items per school, rule and state. */
export type VerificationFacts = {
  /** Each reporting unit with its own confirmation (what submits its submission). */
  reporting: ReportingReceipt[];
  schools: { reportingId: number; unitId: number; name: string; confirmed: boolean }[];
  items: { unitId: number; ruleId: number; ruleName: string; severity: DiscrepancySeverity; state: DiscrepancyState; count: number }[];
};

export type ReportingLine = Figures & VerificationFacts["reporting"][number] & { rank: number };
export type SchoolLine = Items & VerificationFacts["schools"][number];
/** A rule's items province-wide (of the reporting units given), and how many schools they concern. */
export type CategoryLine = Items & { ruleId: number; name: string; severity: DiscrepancySeverity; schools: number };
/** A reporting unit's schools that have not confirmed, named. */
export type UnfinishedLine = { unitId: number; name: string; schools: SchoolLine[] };
export type ReceiptTotals = { expected: number } & Record<Receipt, number>;

/** The figures as every view shows them. */
export type VerificationTally = { reporting: ReportingLine[]; total: Figures; receipts: ReceiptTotals; categories: CategoryLine[]; unfinished: UnfinishedLine[] };

/** Adds `count` items of a severity and state to a count of items. */
function addItems(into: Items, { severity, state, count }: Pick<VerificationFacts["items"][number], "severity" | "state" | "count">): void {
  into.items += count;
  if (state === "corrected") into.corrected += count;
  if (state === "explained") into.explained += count;
  if (!isSettled(severity, state)) into.unsettled += count;
}

function sumFigures(lines: readonly Figures[]): Figures {
  const total = { ...NO_FIGURES };
  for (const line of lines) for (const key of Object.keys(NO_FIGURES) as (keyof Figures)[]) total[key] += line[key];
  return total;
}

/** The schools' lines, each with its items. */
export function schoolLines(facts: VerificationFacts): SchoolLine[] {
  return facts.schools.map((s) => {
    const line = { ...s, ...NO_ITEMS };
    for (const item of facts.items) if (item.unitId === s.unitId) addItems(line, item);
    return line;
  });
}

/** The figures of the reporting units given (all of a task's, or the one a city officer sees), ranked by RANKING_RULE. */
export function tallyVerification(facts: VerificationFacts): VerificationTally {
  const schools = schoolLines({ ...facts, schools: facts.schools.filter((s) => facts.reporting.some((r) => r.unitId === s.reportingId)) });
  const figuresOf = (lines: readonly SchoolLine[]): Figures =>
    sumFigures(lines.map((s) => ({ ...s, schools: 1, withItems: s.items > 0 ? 1 : 0, withUnsettled: s.unsettled > 0 ? 1 : 0, confirmed: s.confirmed ? 1 : 0 })));
  const reporting = rankUnits(facts.reporting.map((r) => ({ ...r, ...figuresOf(schools.filter((s) => s.reportingId === r.unitId)) })));
  const counted = new Set(schools.map((s) => s.unitId));
  const categories: CategoryLine[] = [];
  const concerned = new Map<number, Set<number>>();
  for (const item of facts.items) {
    if (!counted.has(item.unitId)) continue;
    let line = categories.find((c) => c.ruleId === item.ruleId);
    if (!line) categories.push((line = { ruleId: item.ruleId, name: item.ruleName, severity: item.severity, schools: 0, ...NO_ITEMS }));
    addItems(line, item);
    concerned.set(item.ruleId, (concerned.get(item.ruleId) ?? new Set()).add(item.unitId));
  }
  for (const c of categories) c.schools = concerned.get(c.ruleId)?.size ?? 0;
  categories.sort((a, b) => b.items - a.items || a.ruleId - b.ruleId);
  // In the registry's order, as the units are listed everywhere else.
  const unfinished = facts.reporting
    .map((r) => ({ unitId: r.unitId, name: r.name, schools: schools.filter((s) => s.reportingId === r.unitId && !s.confirmed) }))
    .filter((u) => u.schools.length > 0);
  const receipts: ReceiptTotals = { expected: reporting.length, onTime: 0, late: 0, missing: 0 };
  for (const r of reporting) receipts[r.receipt]++;
  return { reporting, total: figuresOf(schools), receipts, categories, unfinished };
}
