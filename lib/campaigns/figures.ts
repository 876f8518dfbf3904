// A campaign's figures, defined once: what each counts and what it is called. The dashboard, the
// bulletin (page, print view, Excel file) all label and explain their numbers from here. Pure and
// browser-safe; the counting itself is lib/campaigns/figure-counts.ts.

/**
 * The two things a figure can count. A 报送单位 submits one table; a 覆盖单位 is one row of a table
 * (one administrator): a city is one 报送单位 whose table covers its bureau, counties and schools.
 */
export const COUNTING_BASES = {
  reporting: {
    label: "报送单位",
    short: "单独提交一张表的单位",
    note: "报送单位：任务分配到、单独向省教育厅提交一张表的单位（各市汇总本地，省属学校和高职院校直接报送），每张表计 1 个。",
  },
  covered: {
    label: "覆盖单位",
    short: "表中每行一个单位",
    note: "覆盖单位：各表中填报系统管理员的单位，每行计 1 个（报送单位本级及其汇总填报的县（区）教育局和学校）。",
  },
} as const;

export type CountingBasis = keyof typeof COUNTING_BASES;

/**
 * Counts of one basis. A 覆盖单位 takes the state of the table that covers it, except 曾被退回: a row counts as
 * returned only when a return named it (gave it a reason), a table whenever it was returned.
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

export const NO_FIGURES: Figures = { expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, returned: 0, approved: 0, firstPass: 0, reviewed: 0 };

/** Column headings, in order, wherever figures are tabulated. */
export const FIGURE_COLUMNS: { key: keyof Figures | "firstPassRate"; label: string }[] = [
  { key: "expected", label: "应报" },
  { key: "submitted", label: "已报送" },
  { key: "onTime", label: "按时报送" },
  { key: "late", label: "逾期报送" },
  { key: "missing", label: "未报送" },
  { key: "returned", label: "曾被退回" },
  { key: "approved", label: "审核通过" },
  { key: "firstPassRate", label: "一次通过率" },
];

/** A column's heading. */
export function figureLabel(key: (typeof FIGURE_COLUMNS)[number]["key"]): string {
  return FIGURE_COLUMNS.find((c) => c.key === key)!.label;
}

/** What each column means, said once under every table of figures. */
export const FIGURE_NOTES = [
  "已报送指已提交省教育厅（含审核中、已退回、已通过）；按时与逾期以最近一次提交时间与截止时间比较；未报送指从未提交。",
  "曾被退回：报送单位按整张表计，表被退回过即计入；覆盖单位只计审核人员写明退回原因的行，同表其他行不计。",
  "一次通过率＝未经退回即审核通过的数量 ÷（审核通过的数量＋曾被退回而尚未通过的数量）。",
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
