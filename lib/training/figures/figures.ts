// A training task's figures, defined once: what each counts, what it is called, and how units are ranked. The
// 培训情况 page and the training bulletin (page, print view, Excel file) label and explain their numbers from
// here. Pure and browser-safe; the counting itself is lib/training/figure-counts.ts.
import type { TrainingMode } from "@/db/schema";
import type { Receipt, ReportingReceipt } from "@/lib/campaigns/reporting-receipts";
import { rankBy } from "@/lib/bulletins/kind-tables";
import { formatRate } from "@/lib/campaigns/figures";

/** A reporting unit's 培训回执 (its submission), as the engine's tableFacts sees it. */
export type { Receipt };

export const RECEIPT_LABELS: Record<Receipt, string> = { onTime: "按时提交", late: "逾期提交", missing: "未提交" };

/** Attendance counts of a set of 回执 (confirmed or approved registrations; drafts are not yet a registration). */
export type Attendance = { registered: number; present: number; absent: number; remedied: number };

export const NO_ATTENDANCE: Attendance = { registered: 0, present: 0, absent: 0, remedied: 0 };

/** Column headings of attendance, in order, wherever it is tabulated. */
export const ATTENDANCE_COLUMNS: { key: keyof Attendance | "rate"; label: string }[] = [
  { key: "registered", label: "报名人数" },
  { key: "present", label: "参训" },
  { key: "absent", label: "缺席" },
  { key: "remedied", label: "补训完成" },
  { key: "rate", label: "参训率" },
];

/** What each column means, said once under every table of training figures. */
export const TRAINING_FIGURE_NOTES = [
  "回执按时提交、逾期提交以各报送单位最近一次提交培训回执的时间与截止时间比较；未提交指从未提交。",
  "报名人数：已确认或已审核的培训回执人数（草稿不计），补训场次的回执不重复计入。",
  "参训、缺席：按签到表或会议导出记录核定的出勤；尚未核定的既不计参训也不计缺席。",
  "补训完成：缺席人员中，其补训场次回执已核定参训的人数。",
  "参训率＝（参训＋补训完成）÷ 报名人数；无人报名时不计算。",
];

/** How units are ranked, said under the ranked table. */
export const RANKING_RULE = "排名先按参训率从高到低（无人报名的排在最后），参训率相同的按回执按时提交、逾期提交、未提交的顺序，仍相同的名次并列。";

/** Trained in the end (at their session or made up in 补训), out of the registered; null when nobody registered. */
export function attendanceRate(a: Attendance): number | null {
  return a.registered === 0 ? null : (a.present + a.remedied) / a.registered;
}

/** A row's cells in ATTENDANCE_COLUMNS order. */
export function attendanceCells(a: Attendance): (number | string)[] {
  return ATTENDANCE_COLUMNS.map(({ key }) => (key === "rate" ? formatRate(attendanceRate(a)) : a[key]));
}

export function addAttendance(a: Attendance, b: Attendance): Attendance {
  return { registered: a.registered + b.registered, present: a.present + b.present, absent: a.absent + b.absent, remedied: a.remedied + b.remedied };
}

const RECEIPT_ORDER: Record<Receipt, number> = { onTime: 0, late: 1, missing: 2 };

/** Orders two units by RANKING_RULE: negative when `a` ranks before `b`, 0 when they share a rank. Rates compare exactly. */
export function compareForRank(a: { receipt: Receipt } & Attendance, b: { receipt: Receipt } & Attendance): number {
  if (a.registered === 0 || b.registered === 0) {
    if (a.registered !== b.registered) return a.registered === 0 ? 1 : -1;
  } else {
    const byRate = (b.present + b.remedied) * a.registered - (a.present + a.remedied) * b.registered;
    if (byRate !== 0) return byRate;
  }
  return RECEIPT_ORDER[a.receipt] - RECEIPT_ORDER[b.receipt];
}

/** The rows sorted by RANKING_RULE (stable: ties keep their order) with their 名次; ties share one, the next skips (1, 1, 3). */
export function rankUnits<R extends { receipt: Receipt } & Attendance>(rows: readonly R[]): (R & { rank: number })[] {
  return rankBy(rows, compareForRank);
}

/** A session as the figures name it: its phase, and whether it is a 补训. Times as ISO text (the bulletin stores them). */
export type SessionInfo = { id: number; phaseId: number; phaseOrdinal: number; phaseTitle: string; title: string; mode: TrainingMode; startsAt: string; remedial: boolean };

/** What the counting hands over: the reporting units with their 回执, the sessions, and attendance per reporting unit, unit and session. */
export type TrainingFacts = {
  reporting: ReportingReceipt[];
  sessions: SessionInfo[];
  cells: ({ reportingId: number; unitId: number; sessionId: number } & Attendance)[];
};

/** A line of a table: its attendance over the regular sessions (补训 counts as 补训完成), and per session. */
export type AttendanceLine = Attendance & { sessions: Record<number, Attendance> };
export type ReportingLine = AttendanceLine & TrainingFacts["reporting"][number] & { rank: number };
export type SessionLine = SessionInfo & Attendance;
export type PhaseLine = { id: number; ordinal: number; title: string; sessions: SessionLine[]; total: Attendance };
export type ReceiptTotals = { expected: number } & Record<Receipt, number>;

/** The figures as every view shows them: ranked reporting units, sessions by phase, and the totals. */
export type TrainingTally = { reporting: ReportingLine[]; phases: PhaseLine[]; total: Attendance; receipts: ReceiptTotals };

/** Folds cells (of one session each) into a line: per session, and over the regular sessions. */
export function lineOf(cells: TrainingFacts["cells"], sessions: readonly SessionInfo[]): AttendanceLine {
  const remedial = new Set(sessions.filter((s) => s.remedial).map((s) => s.id));
  const line: AttendanceLine = { ...NO_ATTENDANCE, sessions: {} };
  for (const { sessionId, registered, present, absent, remedied } of cells) {
    const a = { registered, present, absent, remedied };
    line.sessions[sessionId] = addAttendance(line.sessions[sessionId] ?? NO_ATTENDANCE, a);
    if (!remedial.has(sessionId)) Object.assign(line, addAttendance(line, a));
  }
  return line;
}

/** The figures of the reporting units given (all of a task's, or those a person sees), ranked by RANKING_RULE. */
export function tallyTraining(facts: TrainingFacts): TrainingTally {
  const units = new Set(facts.reporting.map((r) => r.unitId));
  const cells = facts.cells.filter((c) => units.has(c.reportingId));
  const reporting = rankUnits(facts.reporting.map((r) => ({ ...r, ...lineOf(cells.filter((c) => c.reportingId === r.unitId), facts.sessions) })));
  const all = lineOf(cells, facts.sessions);
  const phases: PhaseLine[] = [];
  for (const s of facts.sessions) {
    let phase = phases.find((p) => p.id === s.phaseId);
    if (!phase) phases.push((phase = { id: s.phaseId, ordinal: s.phaseOrdinal, title: s.phaseTitle, sessions: [], total: NO_ATTENDANCE }));
    const a = all.sessions[s.id] ?? NO_ATTENDANCE;
    phase.sessions.push({ ...s, ...a });
    // A phase's total, like a unit's, counts its regular sessions; its 补训 shows as 补训完成.
    if (!s.remedial) phase.total = addAttendance(phase.total, a);
  }
  const receipts: ReceiptTotals = { expected: reporting.length, onTime: 0, late: 0, missing: 0 };
  for (const r of reporting) receipts[r.receipt]++;
  const total: Attendance = { registered: all.registered, present: all.present, absent: all.absent, remedied: all.remedied };
  return { reporting, phases, total, receipts };
}

/** 第一阶段: a phase's ordinal as the notice numbers it. */
export function phaseNumber(ordinal: number): string {
  return `第${"一二三四五六七八九"[ordinal - 1] ?? ordinal}阶段`;
}

export const MODE_LABELS: Record<TrainingMode, string> = { onsite: "现场", online: "线上" };
