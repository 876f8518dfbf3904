// The 培训情况 page's tables for a reporting unit (its own line, the units its 回执 covers), laid out with the
// bulletin's columns and cells (./bulletin.ts) so the two read alike. Pure and browser-safe.
import type { TableCells } from "@/lib/bulletins/kind-tables";
import { receiptCell, submittedCell } from "./bulletin";
import { ATTENDANCE_COLUMNS, type AttendanceLine, attendanceCells, type ReportingLine } from "./figures";

const attendanceHeader = ATTENDANCE_COLUMNS.map((c) => c.label);

/** A reporting unit's own line: its 回执 and attendance, without a rank (it is not compared with the others here). */
export function ownLineCells(line: ReportingLine): TableCells {
  return { header: ["报送单位", "培训回执", "提交时间（北京时间）", ...attendanceHeader], rows: [[line.name, receiptCell(line), submittedCell(line), ...attendanceCells(line)]] };
}

/** The units a 回执 covers, in tree order, indented by depth (the city itself, its counties, their schools). */
export function coveredUnitsCells(units: readonly (AttendanceLine & { name: string; depth: number })[]): TableCells {
  return { header: ["单位", ...attendanceHeader], rows: units.map((u) => [`${"　".repeat(u.depth)}${u.name}`, ...attendanceCells(u)]) };
}
