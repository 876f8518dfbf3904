import { FIGURE_COLUMNS, figureCells, type Figures } from "@/lib/campaigns/figures";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { formatDateTime } from "@/lib/time";
import type { CellValue, SheetSpec } from "@/lib/xlsx/styled-workbook";
import { basisCaption, BULLETIN_NOTES, BULLETIN_TABLES, type BulletinData, type BulletinRow, bulletinDate, bulletinOpening, overviewRows } from "./figures";

/** The bulletin as an .xlsx: one sheet per table (title, the basis it counts in, header, rows, 合计) and one with the text. */
export function bulletinWorkbook(title: string, data: BulletinData): SheetSpec[] {
  const labels = FIGURE_COLUMNS.map((c) => c.label);
  const ranked = <R extends BulletinRow>(
    name: string,
    table: (typeof BULLETIN_TABLES)["reportingUnits" | "citySchools"],
    rows: R[],
    total: Figures,
    extra?: { label: string; cell(r: R): CellValue },
  ): SheetSpec => ({
    name,
    title: `${title}——${table.title}`,
    lines: [basisCaption(table.basis)],
    header: ["名次", table.first, ...labels, ...(extra ? [extra.label] : [])],
    rows: [...rows.map((r) => [r.rank, r.name, ...figureCells(r), ...(extra ? [extra.cell(r)] : [])]), ["", "合计", ...figureCells(total)]],
    totalRow: true,
  });
  const { overview, reportingUnits, citySchools } = BULLETIN_TABLES;
  return [
    {
      name: overview.title,
      title: `${title}——${overview.title}`,
      lines: ["（单位：个）"],
      header: [overview.first, ...labels],
      rows: overviewRows(data).map((r) => [r.label, ...figureCells(r.figures)]),
    },
    ranked("各报送单位", reportingUnits, data.reportingUnits.rows, data.reportingUnits.total, {
      label: "提交时间（北京时间）",
      cell: (r) => (r.submittedAt ? `${formatDateTime(new Date(r.submittedAt))}${r.status ? `（${SUBMISSION_STATUS_LABELS[r.status]}）` : ""}` : "未提交"),
    }),
    ranked("各市学校", citySchools, data.citySchools.rows, data.citySchools.total),
    textSheet(title, data, bulletinOpening(data), BULLETIN_NOTES),
  ];
}

/** The sheet with the bulletin's text: its opening, the notes, the issuer and the date. */
export function textSheet(title: string, data: Pick<BulletinData, "campaign" | "generatedAt">, opening: string, notes: readonly string[]): SheetSpec {
  return {
    name: "通报正文",
    title,
    rows: [[], [opening], [], ["说明："], ...notes.map((n, i) => [`${i + 1}. ${n}`]), [], [data.campaign.issuer], [bulletinDate(data)]],
    // One wide column: the paragraphs wrap in it as on the printed page.
    widths: [100],
  };
}
