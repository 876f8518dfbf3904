// How a training task's 通报 reads. Pure and browser-safe: the bulletin page, its print view and its Excel file
// show the snapshot through these and lib/training/figures.ts, so they always agree with each other and with the
// 培训情况 page. The data is stored by the engine's bulletins (lib/bulletins/freeze.ts) as a KindBulletinData.
import { type KindBulletinData, noticeSubject } from "@/lib/bulletins/figures";
import type { TableCells } from "@/lib/bulletins/kind-tables";
import { formatRate } from "@/lib/campaigns/figures";
import { formatDateTime } from "@/lib/time";
import {
  type Attendance,
  ATTENDANCE_COLUMNS,
  attendanceCells,
  attendanceRate,
  MODE_LABELS,
  phaseNumber,
  RANKING_RULE,
  RECEIPT_LABELS,
  type ReportingLine,
  type SessionLine,
  type TrainingTally,
  TRAINING_FIGURE_NOTES,
} from "./figures";

export type TrainingBulletinData = KindBulletinData & { kind: "training"; tally: TrainingTally };

/** A stored bulletin of kind training, as its data. */
export function trainingBulletinData(data: KindBulletinData): TrainingBulletinData {
  return data as TrainingBulletinData;
}

/** The tables of a training bulletin, in order: number, title. */
export const TRAINING_BULLETIN_TABLES = {
  overview: { number: "一", title: "全省培训情况" },
  reporting: { number: "二", title: "各报送单位培训情况" },
  sessions: { number: "三", title: "各阶段、各场次参训情况" },
  matrix: { number: "四", title: "各报送单位分场次参训情况" },
} as const;

/** 关于开展X的通知 → 关于X情况的通报. */
export function suggestTrainingBulletinTitle(campaignTitle: string): string {
  return `关于${noticeSubject(campaignTitle)}情况的通报`;
}

/** The opening paragraph: what was asked, and the province-wide 回执 and attendance as of the snapshot. */
export function trainingBulletinOpening(data: TrainingBulletinData): string {
  const { title, docNumber } = data.campaign;
  const { receipts: r, total: t } = data.tally;
  return (
    `按照《${title}》（${docNumber}）要求，截至${formatDateTime(new Date(data.generatedAt))}，全省应提交培训回执的报送单位 ${r.expected} 个，` +
    `按时提交 ${r.onTime} 个，逾期提交 ${r.late} 个，未提交 ${r.missing} 个；报名 ${t.registered} 人，参训 ${t.present} 人，缺席 ${t.absent} 人，` +
    `其中补训完成 ${t.remedied} 人，参训率 ${formatRate(attendanceRate(t))}。现将有关情况通报如下。`
  );
}

/** How the figures are counted and ranked, printed under the tables. */
export const TRAINING_BULLETIN_NOTES = [...TRAINING_FIGURE_NOTES, RANKING_RULE];

/** A reporting unit's 回执 as its row says it: 按时提交, 逾期提交 or 未提交. */
export function receiptCell(r: Pick<ReportingLine, "receipt">): string {
  return RECEIPT_LABELS[r.receipt];
}

/** When it was last submitted, in Beijing time, or blank. */
export function submittedCell(r: Pick<ReportingLine, "submittedAt">): string {
  return r.submittedAt ? formatDateTime(new Date(r.submittedAt)) : "";
}


const attendanceHeader = ATTENDANCE_COLUMNS.map((c) => c.label);

/** 参训/报名 of one session, as the per-session table of the units shows it; blank when nobody registered. */
function sessionCell(a: Attendance | undefined): string {
  return a && a.registered > 0 ? `${a.present}/${a.registered}` : "";
}

/** A session as a column heading: 第一阶段 系统集中培训（线上）（补训）. */
function sessionHeading(s: SessionLine): string {
  return `${phaseNumber(s.phaseOrdinal)} ${s.title}${s.remedial ? "（补训）" : ""}`;
}

/** The cells of every table of a training bulletin, so the page, the print view and the Excel file show one thing. */
export function trainingBulletinCells(tally: TrainingTally): Record<keyof typeof TRAINING_BULLETIN_TABLES, TableCells> {
  const { receipts, total, reporting, phases } = tally;
  const sessions = phases.flatMap((p) => p.sessions);
  return {
    overview: {
      header: ["报送单位", ...(["onTime", "late", "missing"] as const).map((k) => `回执${RECEIPT_LABELS[k]}`), ...attendanceHeader],
      rows: [[receipts.expected, receipts.onTime, receipts.late, receipts.missing, ...attendanceCells(total)]],
    },
    reporting: {
      header: ["名次", "报送单位", "培训回执", "提交时间（北京时间）", ...attendanceHeader],
      rows: reporting.map((r) => [r.rank, r.name, receiptCell(r), submittedCell(r), ...attendanceCells(r)]),
      total: ["", "合计", "", "", ...attendanceCells(total)],
    },
    sessions: {
      header: ["阶段", "场次", "形式", "开始时间（北京时间）", ...attendanceHeader],
      rows: phases.flatMap((p) => [
        ...p.sessions.map((s) => [phaseNumber(p.ordinal), `${s.title}${s.remedial ? "（补训）" : ""}`, MODE_LABELS[s.mode], formatDateTime(new Date(s.startsAt)), ...attendanceCells(s)]),
        [phaseNumber(p.ordinal), `${p.title}合计`, "", "", ...attendanceCells(p.total)],
      ]),
    },
    matrix: {
      header: ["报送单位", ...sessions.map(sessionHeading)],
      rows: reporting.map((r) => [r.name, ...sessions.map((s) => sessionCell(r.sessions[s.id]))]),
      total: ["合计", ...sessions.map((s) => sessionCell(s))],
    },
  };
}

/** The caption under each table's heading. */
export const TRAINING_TABLE_CAPTIONS: Record<keyof typeof TRAINING_BULLETIN_TABLES, string> = {
  overview: "（报送单位：个；人数：人）",
  reporting: "（人数：人）",
  sessions: "（人数：人；阶段合计不含补训场次，补训计入补训完成）",
  matrix: "（每格为参训人数/报名人数）",
};
