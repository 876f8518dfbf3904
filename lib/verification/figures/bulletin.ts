// How a verification task's 通报 reads. Pure and browser-safe: the bulletin page, its print view and its Excel file
// show the snapshot through these and ./figures.ts, so they always agree with each other and with the 核验情况 page.
// The data is stored by the engine's bulletins (lib/bulletins/freeze.ts) as a KindBulletinData.
import { type KindBulletinData, noticeSubject } from "@/lib/bulletins/figures";
import type { TableCells } from "@/lib/bulletins/kind-tables";
import { formatRate } from "@/lib/campaigns/figures";
import { formatDateTime } from "@/lib/time";
import { SEVERITY_LABELS } from "../labels";
import { completionRate, FIGURE_COLUMNS, figureCells, type Items, RANKING_RULE, RECEIPT_LABELS, type ReportingLine, type SchoolLine, type VerificationTally, VERIFICATION_FIGURE_NOTES } from "./figures";

export type VerificationBulletinData = KindBulletinData & { kind: "verification"; tally: VerificationTally };

/** A stored bulletin of kind verification, as its data. */
export function verificationBulletinData(data: KindBulletinData): VerificationBulletinData {
  return data as VerificationBulletinData;
}

/** The tables of a verification bulletin, in order: number, title. */
export const VERIFICATION_BULLETIN_TABLES = {
  overview: { number: "一", title: "全省数据核验情况" },
  reporting: { number: "二", title: "各报送单位数据核验情况" },
  categories: { number: "三", title: "核验问题分类情况" },
  unfinished: { number: "四", title: "未完成确认的学校" },
} as const;

export type VerificationTableKey = keyof typeof VERIFICATION_BULLETIN_TABLES;

/** 关于开展X的通知 → 关于X情况的通报. */
export function suggestVerificationBulletinTitle(campaignTitle: string): string {
  return `关于${noticeSubject(campaignTitle)}情况的通报`;
}

/** The opening paragraph: what was asked, and the province-wide confirmations and items as of the snapshot. */
export function verificationBulletinOpening(data: VerificationBulletinData): string {
  const { title, docNumber } = data.campaign;
  const { receipts: r, total: t } = data.tally;
  return (
    `按照《${title}》（${docNumber}）要求，截至${formatDateTime(new Date(data.generatedAt))}，全省应确认核验结果的报送单位 ${r.expected} 个，` +
    `按时确认 ${r.onTime} 个，逾期确认 ${r.late} 个，未确认 ${r.missing} 个；涉及学校 ${t.schools} 所，其中有核验问题的 ${t.withItems} 所，` +
    `仍有未解决问题的 ${t.withUnsettled} 所；查出问题 ${t.items} 条，已更正 ${t.corrected} 条，已说明 ${t.explained} 条，未解决 ${t.unsettled} 条；` +
    `已确认学校 ${t.confirmed} 所，完成率 ${formatRate(completionRate(t))}。现将有关情况通报如下。`
  );
}

/** How the figures are counted and ranked, printed under the tables. */
export const VERIFICATION_BULLETIN_NOTES = [...VERIFICATION_FIGURE_NOTES, RANKING_RULE];

/** A reporting unit's confirmation as its row says it: 按时确认, 逾期确认 or 未确认. */
export function receiptCell(r: Pick<ReportingLine, "receipt">): string {
  return RECEIPT_LABELS[r.receipt];
}

/** When it last confirmed (submitted), in Beijing time, or blank. */
export function submittedCell(r: Pick<ReportingLine, "submittedAt">): string {
  return r.submittedAt ? formatDateTime(new Date(r.submittedAt)) : "";
}


const figureHeader = FIGURE_COLUMNS.map((c) => c.label);
const itemHeader = ["问题数", "已更正", "已说明", "未解决"];
const itemCells = (i: Items): number[] => [i.items, i.corrected, i.explained, i.unsettled];

/** The schools not yet confirmed, each named with its items; the reporting unit's name on its first row only. */
function unfinishedRows(unitName: string, schools: readonly SchoolLine[]): TableCells["rows"] {
  return schools.map((s, i) => [i === 0 ? unitName : "", s.name, ...itemCells(s)]);
}

/** The cells of every table of a verification bulletin, so the page, the print view and the Excel file show one thing. */
export function verificationBulletinCells(tally: VerificationTally): Record<VerificationTableKey, TableCells> {
  const { receipts, total, reporting, categories, unfinished } = tally;
  return {
    overview: {
      header: ["报送单位", ...(["onTime", "late", "missing"] as const).map((k) => RECEIPT_LABELS[k]), ...figureHeader],
      rows: [[receipts.expected, receipts.onTime, receipts.late, receipts.missing, ...figureCells(total)]],
    },
    reporting: {
      header: ["名次", "报送单位", "本级确认", "确认时间（北京时间）", ...figureHeader],
      rows: reporting.map((r) => [r.rank, r.name, receiptCell(r), submittedCell(r), ...figureCells(r)]),
      total: ["", "合计", "", "", ...figureCells(total)],
    },
    categories: {
      header: ["核验规则", "类别", "涉及学校", ...itemHeader],
      rows: categories.map((c) => [c.name, SEVERITY_LABELS[c.severity], c.schools, ...itemCells(c)]),
      total: ["合计", "", total.withItems, ...itemCells(total)],
    },
    unfinished: {
      header: ["报送单位", "学校", ...itemHeader],
      rows: unfinished.flatMap((u) => unfinishedRows(u.name, u.schools)),
    },
  };
}

/** The caption under each table's heading. */
export const VERIFICATION_TABLE_CAPTIONS: Record<VerificationTableKey, string> = {
  overview: "（报送单位：个；学校：所；问题：条）",
  reporting: "（学校：所；问题：条）",
  categories: "（学校：所；问题：条；涉及学校合计为有核验问题的学校数）",
  unfinished: "（问题：条；按报送单位列出尚未确认本校核验结果的学校）",
};

/** What a table with no rows says instead. */
export const VERIFICATION_EMPTY_TABLES: Record<VerificationTableKey, string> = {
  overview: "本次任务没有报送单位。",
  reporting: "本次任务没有报送单位。",
  categories: "核验规则未查出问题。",
  unfinished: "各学校均已确认核验结果。",
};
