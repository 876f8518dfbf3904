import type * as XLSX from "xlsx";
import { type CellValue, fitColumnWidths, setColumnWidths, sheetFromRows, workbookFromSheets } from "@/lib/xlsx/workbook";
import { FIGURE_COLUMNS, figureCells } from "@/lib/campaigns/figures";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { formatDateTime } from "@/lib/time";
import { basisCaption, BULLETIN_NOTES, BULLETIN_TABLES, type BulletinData, type BulletinRow, bulletinDate, bulletinOpening, overviewRows } from "./figures";

/** The bulletin as an .xlsx: one sheet per table (title, the basis it counts in, header, rows, 合计) and one with the text. */
export function bulletinWorkbook(title: string, data: BulletinData): XLSX.WorkBook {
  const labels = FIGURE_COLUMNS.map((c) => c.label);
  const sheet = (heading: string, caption: string, header: string[], body: CellValue[][], total?: CellValue[]) => {
    const result = sheetFromRows([[heading], [caption], header, ...body, ...(total ? [total] : [])]);
    setColumnWidths(result, fitColumnWidths([header, ...body]));
    return result;
  };
  const ranked = <R extends BulletinRow>(table: (typeof BULLETIN_TABLES)["reportingUnits" | "citySchools"], rows: R[], total: BulletinData["citySchools"]["total"], extra?: { label: string; cell(r: R): CellValue }) =>
    sheet(
      `${title}——${table.title}`,
      basisCaption(table.basis),
      ["名次", table.first, ...labels, ...(extra ? [extra.label] : [])],
      rows.map((r) => [r.rank, r.name, ...figureCells(r), ...(extra ? [extra.cell(r)] : [])]),
      ["", "合计", ...figureCells(total)],
    );
  const { overview, reportingUnits, citySchools } = BULLETIN_TABLES;
  return workbookFromSheets([
    {
      name: overview.title,
      sheet: sheet(`${title}——${overview.title}`, "（单位：个）", [overview.first, ...labels], overviewRows(data).map((r) => [r.label, ...figureCells(r.figures)])),
    },
    {
      name: "各报送单位",
      sheet: ranked(reportingUnits, data.reportingUnits.rows, data.reportingUnits.total, {
        label: "提交时间（北京时间）",
        cell: (r) => (r.submittedAt ? `${formatDateTime(new Date(r.submittedAt))}${r.status ? `（${SUBMISSION_STATUS_LABELS[r.status]}）` : ""}` : "未提交"),
      }),
    },
    { name: "各市学校", sheet: ranked(citySchools, data.citySchools.rows, data.citySchools.total) },
    {
      name: "通报正文",
      sheet: sheetFromRows([[title], [], [bulletinOpening(data)], [], ["说明："], ...BULLETIN_NOTES.map((n, i) => [`${i + 1}. ${n}`]), [], [data.campaign.issuer], [bulletinDate(data)]]),
    },
  ]);
}
