import type { CellValue, SheetSpec } from "@/lib/xlsx/styled-workbook";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { formatDateTime } from "@/lib/time";
import { BULLETIN_NOTES, type BulletinData, type BulletinRow, bulletinDate, bulletinOpening, FIGURE_COLUMNS, figureCells, type Figures } from "./figures";

/** The bulletin as an .xlsx: one sheet per table (title, header, ranked rows, 合计) and one with the text. */
export function bulletinWorkbook(title: string, data: BulletinData): SheetSpec[] {
  const labels = FIGURE_COLUMNS.map((c) => c.label);
  const table = <R extends BulletinRow>(name: string, heading: string, first: string, rows: R[], total: Figures, extra?: { label: string; cell(r: R): CellValue }): SheetSpec => ({
    name,
    title: heading,
    header: ["名次", first, ...labels, ...(extra ? [extra.label] : [])],
    rows: [...rows.map((r) => [r.rank, r.name, ...figureCells(r), ...(extra ? [extra.cell(r)] : [])]), ["", "合计", ...figureCells(total)]],
    totalRow: true,
  });
  const { reportingUnits, citySchools } = data;
  return [
    table("各报送单位", `${title}——各报送单位报送情况`, "报送单位", reportingUnits.rows, reportingUnits.total, {
      label: "提交时间（北京时间）",
      cell: (r) => (r.submittedAt ? `${formatDateTime(new Date(r.submittedAt))}${r.status ? `（${SUBMISSION_STATUS_LABELS[r.status]}）` : ""}` : "未提交"),
    }),
    table("各市学校", `${title}——各市学校报送情况`, "所在市", citySchools.rows, citySchools.total),
    {
      name: "通报正文",
      title,
      rows: [[], [bulletinOpening(data)], [], ["说明："], ...BULLETIN_NOTES.map((n, i) => [`${i + 1}. ${n}`]), [], [data.campaign.issuer], [bulletinDate(data)]],
      // One wide column: the paragraphs wrap in it as on the printed page.
      widths: [100],
    },
  ];
}
