// Limits of an Excel import, shared by the dialog (checked before upload) and the server.

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
/** How far down a sheet the header row may be (title rows, blank rows, notes above the table). */
export const HEADER_SEARCH_ROWS = 50;
/** The rows of a sheet that are read at most: the header's search, the largest table allowed, and some slack. */
export const MAX_SHEET_ROWS = HEADER_SEARCH_ROWS + IMPORT_MAX_ROWS + 100;
/** What the parts of an .xlsx may add up to once unzipped: a 5 MB file legitimately inflates to ~40 MB at most. */
export const IMPORT_MAX_INFLATED_BYTES = 50 * 1024 * 1024;

export const IMPORT_ACCEPT = ".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv";

export function tooManyRowsMessage(count?: number): string {
  return `一次最多导入 ${IMPORT_MAX_ROWS} 行${count ? `（当前 ${count} 行）` : ""}。请把表格分成几个文件分别导入，并删除表格末尾的空行和不需要的工作表。`;
}

export const TOO_LARGE_MESSAGE = "文件不能超过 5 MB。请删除多余的工作表、图片或空行后再导入。";
