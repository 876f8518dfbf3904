// A plain list from an uploaded spreadsheet — one header row, one record per row — for imports whose
// columns are not the administrator table's (the school list, the invitation list). Built on the
// same guard and reader as the table import, so every upload is checked and read one way.
import { inspectUpload, UploadRefusal } from "./guard";
import { normalizeLabel } from "./header";
import { HEADER_SEARCH_ROWS, IMPORT_MAX_ROWS } from "./limits";
import { type Cell, readUpload } from "./read";

/** Each column's accepted headings; the first is the one the template uses. */
export type ListColumns<K extends string> = Record<K, readonly [string, ...string[]]>;

export type ListRow<K extends string> = {
  /** The row number Excel shows. */
  line: number;
  /** Trimmed cell text; "" for an empty cell or an error value. */
  values: Record<K, string>;
  /** Columns whose cell is an error value, e.g. 「#REF!」. */
  cellErrors: Partial<Record<K, string>>;
};

export function readList<K extends string>(bytes: Buffer, columns: ListColumns<K>): ListRow<K>[] {
  const keys = Object.keys(columns) as K[];
  const columnOf = new Map(keys.flatMap((k) => columns[k].map((label) => [normalizeLabel(label), k] as const)));
  const indexesOf = (row: readonly Cell[]) => {
    const found: Partial<Record<K, number>> = {};
    row.forEach((cell, i) => {
      const key = typeof cell === "string" ? columnOf.get(normalizeLabel(cell)) : undefined;
      if (key !== undefined && found[key] === undefined) found[key] = i;
    });
    return found;
  };

  const { sheets } = readUpload(bytes, inspectUpload(bytes));
  for (const sheet of sheets) {
    const headerRow = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => keys.every((k) => indexesOf(row)[k] !== undefined));
    if (headerRow < 0) continue;
    const indexes = indexesOf(sheet.rows[headerRow]);
    const rows: ListRow<K>[] = [];
    for (let r = headerRow + 1; r < sheet.rows.length; r++) {
      const values = {} as Record<K, string>;
      const cellErrors: Partial<Record<K, string>> = {};
      for (const k of keys) {
        const cell = sheet.rows[r][indexes[k] as number] ?? "";
        values[k] = typeof cell === "string" ? cell.trim() : "";
        if (typeof cell !== "string") cellErrors[k] = cell.error;
      }
      if (keys.some((k) => values[k] !== "" || cellErrors[k])) rows.push({ line: r + 1, values, cellErrors });
    }
    if (sheet.truncated || rows.length > IMPORT_MAX_ROWS) {
      throw new UploadRefusal(`一次最多导入 ${IMPORT_MAX_ROWS} 行。请把表格分成几个文件分别导入，并删除表格末尾的空行。`);
    }
    if (rows.length === 0) throw new UploadRefusal(`工作表「${sheet.name}」的表头下面没有数据，请填写后再导入。`);
    return rows;
  }
  const headings = keys.map((k) => `「${columns[k][0]}」`).join("");
  throw new UploadRefusal(`没有找到表头。表头一行须有 ${headings} 这几列，请使用「下载模板」得到的表格。`);
}
