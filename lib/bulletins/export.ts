import type * as XLSX from "xlsx";
import { type CellValue, fitColumnWidths, setColumnWidths, sheetFromRows, workbookFromSheets } from "@/lib/xlsx/workbook";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { formatDateTime } from "@/lib/time";
import { BULLETIN_NOTES, type BulletinData, type BulletinRow, bulletinDate, bulletinOpening, FIGURE_COLUMNS, figureCells, type Figures } from "./figures";

/** The bulletin as an .xlsx: one sheet per table (title, header, ranked rows, 合计) and one with the text. */
export function bulletinWorkbook(title: string, data: BulletinData): XLSX.WorkBook {
  const labels = FIGURE_COLUMNS.map((c) => c.label);
  const table = <R extends BulletinRow>(heading: string, first: string, rows: R[], total: Figures, extra?: { label: string; cell(r: R): CellValue }) => {
    const header = ["名次", first, ...labels, ...(extra ? [extra.label] : [])];
    const body = rows.map((r) => [r.rank, r.name, ...figureCells(r), ...(extra ? [extra.cell(r)] : [])]);
    const cells: CellValue[][] = [[heading], [], header, ...body, ["", "合计", ...figureCells(total)]];
    const sheet = sheetFromRows(cells);
    setColumnWidths(sheet, fitColumnWidths([header, ...body]));
    return sheet;
  };
  const { reportingUnits, citySchools } = data;
  return workbookFromSheets([
    {
      name: "各报送单位",
      sheet: table(`${title}——各报送单位报送情况`, "报送单位", reportingUnits.rows, reportingUnits.total, {
        label: "提交时间（北京时间）",
        cell: (r) => (r.submittedAt ? `${formatDateTime(new Date(r.submittedAt))}${r.status ? `（${SUBMISSION_STATUS_LABELS[r.status]}）` : ""}` : "未提交"),
      }),
    },
    { name: "各市学校", sheet: table(`${title}——各市学校报送情况`, "所在市", citySchools.rows, citySchools.total) },
    {
      name: "通报正文",
      sheet: sheetFromRows([[title], [], [bulletinOpening(data)], [], ["说明："], ...BULLETIN_NOTES.map((n, i) => [`${i + 1}. ${n}`]), [], [data.campaign.issuer], [bulletinDate(data)]]),
    },
  ]);
}
