// How a 通报 reads. Pure and browser-safe: the page, the print view and the Excel file all show the
// snapshot through these and the figures of lib/campaigns/figures.ts, so they always agree.
import type { CampaignKind, SubmissionStatus } from "@/db/schema";
import { COUNTING_BASES, type CountingBasis, FIGURE_NOTES, type Figures, firstPassRate, formatRate } from "@/lib/campaigns/figures";
import { formatDate, formatDateTime } from "@/lib/time";

export type BulletinRow = Figures & { rank: number; unitId: number | null; name: string };
export type ReportingUnitRow = BulletinRow & { status: SubmissionStatus | null; submittedAt: string | null };

export type BulletinTable<R extends BulletinRow> = { rows: R[]; total: Figures };

/** The notice a bulletin reports on, as it read when the bulletin was generated. */
export type BulletinCampaign = { id: number; title: string; docNumber: string; issuer: string; deadline: string; salutation: string | null };

/** What bulletins.data holds for a roster task: everything the bulletin shows, frozen when it was generated. */
export type BulletinData = {
  campaign: BulletinCampaign;
  generatedAt: string;
  /** The province's totals on each basis. */
  overview: Record<CountingBasis, Figures>;
  /** Counted in 覆盖单位: each reporting unit's table. */
  reportingUnits: BulletinTable<ReportingUnitRow>;
  /** Counted in 覆盖单位: the schools of each city's table. */
  citySchools: BulletinTable<BulletinRow>;
};

/**
 * What bulletins.data holds for a task of another kind: tagged with its kind, the rest defined, counted and shown by
 * that kind's domain (lib/training/figures/bulletin.ts, lib/verification/figures/bulletin.ts), which builds on this one, never the other way round.
 */
export type KindBulletinData = { kind: Exclude<CampaignKind, "roster">; campaign: BulletinCampaign; generatedAt: string };

/** A roster bulletin's data carries no kind: it was stored before there were kinds. */
export type StoredBulletinData = BulletinData | KindBulletinData;

/** The tables of a bulletin, in order: number, title, what the first column names, the basis it counts in (said under the title). */
export const BULLETIN_TABLES = {
  overview: { number: "一", title: "全省报送情况", first: "统计口径" },
  reportingUnits: { number: "二", title: "各报送单位报送情况", first: "报送单位", basis: "covered" },
  citySchools: { number: "三", title: "各市学校报送情况", first: "报送单位", basis: "covered" },
} as const;

/** The caption under a table's heading: which basis its numbers count in. */
export function basisCaption(basis: CountingBasis): string {
  return `（表中数字按${COUNTING_BASES[basis].label}计，单位：个）`;
}

/** The overview's rows: one per basis, labelled with it. */
export function overviewRows(data: BulletinData): { label: string; figures: Figures }[] {
  return (Object.keys(COUNTING_BASES) as CountingBasis[]).map((basis) => ({ label: COUNTING_BASES[basis].label, figures: data.overview[basis] }));
}

/** 关于做好X的通知 → X: what a notice is about, which its bulletin names. */
export function noticeSubject(campaignTitle: string): string {
  return campaignTitle
    .replace(/^关于/, "")
    .replace(/的通知$/, "")
    .replace(/^(?:做好|开展|组织)/, "");
}

/** 关于做好X的通知 → 关于X报送情况的通报: the register of a provincial bulletin. */
export function suggestBulletinTitle(campaignTitle: string): string {
  return `关于${noticeSubject(campaignTitle)}报送情况的通报`;
}

/** One basis' totals as a clause of the opening. */
function totalsClause(basis: CountingBasis, f: Figures): string {
  return (
    `${COUNTING_BASES[basis].label} ${f.expected} 个，已报送 ${f.submitted} 个（其中按时报送 ${f.onTime} 个，逾期报送 ${f.late} 个），未报送 ${f.missing} 个，` +
    `审核通过 ${f.approved} 个，曾被退回 ${f.returned} 个，一次通过率 ${formatRate(firstPassRate(f))}`
  );
}

/** The opening paragraph: what was asked, and the province-wide figures on both bases as of the snapshot. */
export function bulletinOpening(data: BulletinData): string {
  const { title, docNumber } = data.campaign;
  return (
    `按照《${title}》（${docNumber}）要求，截至${formatDateTime(new Date(data.generatedAt))}，` +
    `全省${totalsClause("reporting", data.overview.reporting)}；各表${totalsClause("covered", data.overview.covered)}。现将有关情况通报如下。`
  );
}

/** How the figures are counted, printed under the tables. */
export const BULLETIN_NOTES = [
  COUNTING_BASES.reporting.note,
  COUNTING_BASES.covered.note,
  "各市学校报送情况只含各市表中汇总填报的学校；省属学校和高职院校单独报送，列入各报送单位报送情况，不计入所在市。",
  ...FIGURE_NOTES,
  "排名依次按审核通过比例、报送比例、按时报送比例确定，比例相同的名次并列。",
];

/** 2021年11月30日: the date under the issuer's name. */
export function bulletinDate(data: Pick<BulletinData, "generatedAt">): string {
  return formatDate(new Date(data.generatedAt));
}
