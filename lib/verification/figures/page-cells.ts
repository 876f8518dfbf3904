// The 核验情况 page's tables for a reporting unit (its own line, its schools), laid out with the bulletin's columns
// and cells (./bulletin.ts) so the two read alike. Pure and browser-safe.
import type { TableCells } from "@/lib/bulletins/kind-tables";
import { receiptCell, submittedCell } from "./bulletin";
import { FIGURE_COLUMNS, figureCells, type ReportingLine, type SchoolLine } from "./figures";

/** A reporting unit's own line: its confirmation and figures, without a rank (it is not compared with the others here). */
export function ownLineCells(line: ReportingLine): TableCells {
  return { header: ["报送单位", "本级确认", "确认时间（北京时间）", ...FIGURE_COLUMNS.map((c) => c.label)], rows: [[line.name, receiptCell(line), submittedCell(line), ...figureCells(line)]] };
}

/** The reporting unit's schools, in registry order, with their items and whether they confirmed. */
export function schoolsCells(schools: readonly SchoolLine[]): TableCells {
  return {
    header: ["学校", "问题数", "已更正", "已说明", "未解决", "本校确认"],
    rows: schools.map((s) => [s.name, s.items, s.corrected, s.explained, s.unsettled, s.confirmed ? "已确认" : "未确认"]),
  };
}
