// The figures of a 通报 and how they read. Pure and browser-safe: the page, the print view and the
// Excel file all show the snapshot through these, so they always agree.
import type { SubmissionStatus } from "@/db/schema";
import { formatDate, formatDateTime } from "@/lib/time";

/**
 * Counted in units (rows of the table: every unit names one administrator). A unit takes the state
 * of the submission that covers it: submitted = submitted, under review, returned or approved;
 * late = its last submission came after the deadline; reviewed = approved or returned at least once.
 */
export type Figures = {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  returned: number;
  approved: number;
  firstPass: number;
  reviewed: number;
};

export type BulletinRow = Figures & { rank: number; unitId: number | null; name: string };
export type ReportingUnitRow = BulletinRow & { status: SubmissionStatus | null; submittedAt: string | null };

export type BulletinTable<R extends BulletinRow> = { rows: R[]; total: Figures };

/** What bulletins.data holds: everything the bulletin shows, frozen when it was generated. */
export type BulletinData = {
  campaign: { id: number; title: string; docNumber: string; issuer: string; deadline: string; salutation: string | null };
  generatedAt: string;
  reportingUnits: BulletinTable<ReportingUnitRow>;
  citySchools: BulletinTable<BulletinRow>;
};

/** Column headings, in order, shared by the page, the print view and the Excel file. */
export const FIGURE_COLUMNS: { key: keyof Figures | "firstPassRate"; label: string }[] = [
  { key: "expected", label: "应报单位" },
  { key: "submitted", label: "已报送" },
  { key: "onTime", label: "按时报送" },
  { key: "late", label: "逾期报送" },
  { key: "missing", label: "未报送" },
  { key: "returned", label: "曾被退回" },
  { key: "approved", label: "审核通过" },
  { key: "firstPassRate", label: "一次通过率" },
];

/** Approved without ever being returned, out of everything the reviewers have decided on; null before any decision. */
export function firstPassRate(f: Figures): number | null {
  return f.reviewed === 0 ? null : f.firstPass / f.reviewed;
}

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A row's cells in FIGURE_COLUMNS order. */
export function figureCells(f: Figures): (number | string)[] {
  return FIGURE_COLUMNS.map(({ key }) => (key === "firstPassRate" ? formatRate(firstPassRate(f)) : f[key]));
}

/** 关于做好X的通知 → 关于X报送情况的通报: the register of a provincial bulletin. */
export function suggestBulletinTitle(campaignTitle: string): string {
  const subject = campaignTitle
    .replace(/^关于/, "")
    .replace(/的通知$/, "")
    .replace(/^(?:做好|开展|组织)/, "");
  return `关于${subject}报送情况的通报`;
}

/** The opening paragraph: what was asked, and the province-wide figures as of the snapshot. */
export function bulletinOpening(data: BulletinData): string {
  const t = data.reportingUnits.total;
  const { title, docNumber } = data.campaign;
  return (
    `按照《${title}》（${docNumber}）要求，截至${formatDateTime(new Date(data.generatedAt))}，` +
    `全省应报单位 ${t.expected} 个，已报送 ${t.submitted} 个（其中按时报送 ${t.onTime} 个，逾期报送 ${t.late} 个），未报送 ${t.missing} 个；` +
    `审核通过 ${t.approved} 个，曾被退回修改 ${t.returned} 个，一次通过率 ${formatRate(firstPassRate(t))}。现将有关情况通报如下。`
  );
}

/** How the figures are counted, printed under the tables. */
export const BULLETIN_NOTES = [
  "表中数字均按单位计：报送单位汇总填报的每个单位（含本级、所辖县区和学校）各计 1 个。",
  "各市学校报送情况含该市汇总填报的学校，以及按所在县区代码位于该市的省属学校。",
  "已报送指已提交省教育厅（含审核中、已退回、已通过）；按时与逾期以最近一次提交时间与截止时间比较。",
  "一次通过率＝未经退回即审核通过的单位数 ÷（审核通过的单位数＋曾被退回的单位中尚未通过的单位数）。",
  "排名依次按审核通过比例、报送比例、按时报送比例确定，比例相同的名次并列。",
];

/** 2021年11月30日: the date under the issuer's name. */
export function bulletinDate(data: Pick<BulletinData, "generatedAt">): string {
  return formatDate(new Date(data.generatedAt));
}
