// What the bulletins of the task kinds other than roster share (lib/training/figures, lib/verification/figures): their
// tables as cells, the ranking with shared 名次, and the Excel sheets. Pure and browser-safe.
import type { SheetSpec } from "@/lib/xlsx/styled-workbook";

type Cell = string | number;
/** A table as every view lays it out: heading cells, body rows, and the 合计 row when it has one. */
export type TableCells = { header: string[]; rows: Cell[][]; total?: Cell[] };

/** The rows sorted by `compare` (stable: ties keep their order) with their 名次; ties share one, the next skips (1, 1, 3). */
export function rankBy<R>(rows: readonly R[], compare: (a: R, b: R) => number): (R & { rank: number })[] {
  const sorted = [...rows].sort(compare);
  return sorted.map((row, i) => {
    let first = i;
    while (first > 0 && compare(sorted[first - 1], row) === 0) first--;
    return { ...row, rank: first + 1 };
  });
}

/** One sheet per table, in the order of `tables`: title, caption, header, rows and the 合计 row. */
export function tableSheets<K extends string>(title: string, tables: Record<K, { title: string }>, cells: Record<K, TableCells>, captions: Record<K, string>): SheetSpec[] {
  return (Object.keys(tables) as K[]).map((key) => ({
    name: tables[key].title,
    title: `${title}——${tables[key].title}`,
    lines: [captions[key]],
    header: cells[key].header,
    rows: cells[key].total ? [...cells[key].rows, cells[key].total] : cells[key].rows,
    totalRow: Boolean(cells[key].total),
  }));
}
