// The workbooks the portal hands out: the notice's attachment with what a unit's table holds (the
// template to fill in and import, and the export) and the province's roster of every unit.
import { FIELD_LABELS, HEADER_LABELS } from "@/lib/roster/schemas";
import { TABLE_TITLE } from "@/lib/roster/template";
import { SUBMISSION_STATUS_LABELS } from "@/lib/submissions/status";
import { formatDateTime } from "@/lib/time";
import type { ProvinceRosterRow } from "./queries";
import type { CellValue, SheetSpec } from "./styled-workbook";

export type OfficialRow = {
  unitName: string;
  schoolCode: string | null;
  entry?: { name: string; position: string; phone: string; email: string; schoolCode: string | null } | null;
};

const HEADER = [FIELD_LABELS.unitName, FIELD_LABELS.schoolCode, FIELD_LABELS.name, FIELD_LABELS.position, FIELD_LABELS.phone, FIELD_LABELS.email];
/** Columns typed as text in the template, so Excel keeps the leading 0 of 0311-… and all 10 digits of a code. */
const TEXT_COLUMNS = [1, 4];

/**
 * 《单位系统管理员实名信息表》 laid out as in the notice: the title, 填报单位（盖章）/填报人/联系电话,
 * the six columns, one row per unit, then 填表说明.
 */
export function officialTableWorkbook({
  reportingUnitName,
  fillerName,
  fillerPhone,
  rows,
  notes,
  watermark,
}: {
  reportingUnitName: string;
  fillerName: string | null;
  fillerPhone: string | null;
  rows: readonly OfficialRow[];
  /** The campaign's 填表说明, numbered under the table; none, no section. */
  notes: readonly string[];
  /** Who exported the filled table and when, as a line above the header (the import skips it). */
  watermark?: string;
}): SheetSpec[] {
  const lines = [
    `填报单位（盖章）：${reportingUnitName}`,
    `${HEADER_LABELS.fillerName}：${fillerName ?? ""}`,
    `${HEADER_LABELS.fillerPhone}：${fillerPhone ?? ""}`,
    ...(watermark ? [watermark] : []),
  ];
  return [
    {
      name: TABLE_TITLE,
      title: TABLE_TITLE,
      lines,
      header: HEADER,
      rows: rows.map((r) => [r.unitName, r.entry?.schoolCode ?? r.schoolCode, r.entry?.name, r.entry?.position, r.entry?.phone, r.entry?.email]),
      notes: notes.length > 0 ? ["填表说明：", ...notes.map((note, i) => `${i + 1}. ${note}`)] : [],
      widths: [36, 24, 12, 18, 18, 30],
      textColumns: TEXT_COLUMNS,
    },
  ];
}

const PROVINCE_HEADER = ["报送单位", FIELD_LABELS.unitName, "学校标识码", FIELD_LABELS.name, FIELD_LABELS.position, FIELD_LABELS.phone, FIELD_LABELS.email, "报送状态", "提交时间", "最后修改时间"];
const SUMMARY_HEADER = ["报送单位", "报送状态", "提交时间", "覆盖单位数", "已填写单位数"];
const AFFILIATED_SHEET = "省属学校及高职院校";

/**
 * The province's roster in one workbook: a summary with one line per reporting unit, then one sheet
 * per city-level table (and one for the schools that report directly) listing every unit's row.
 * Each row is written once, so 20,000 units stay a quick download.
 */
export function provinceRosterWorkbook(rows: readonly ProvinceRosterRow[], watermark?: string): SheetSpec[] {
  // Many rows share a submission's times: format each instant once.
  const formatted = new Map<number, string>();
  const time = (date: Date | null) => {
    if (!date) return "";
    const key = date.getTime();
    let text = formatted.get(key);
    if (text === undefined) formatted.set(key, (text = formatDateTime(date)));
    return text;
  };
  const sheets = new Map<string, CellValue[][]>();
  const summary = new Map<number, CellValue[]>();
  for (const r of rows) {
    const status = SUBMISSION_STATUS_LABELS[r.status] + (r.late ? "（逾期）" : "");
    const line = [r.reportingUnitName, r.unitName, r.schoolCode, r.name, r.position, r.phone, r.email, status, time(r.submittedAt), time(r.updatedAt)];
    const sheetName = r.reportingUnitKind === "city_bureau" ? r.reportingUnitName : AFFILIATED_SHEET;
    let lines = sheets.get(sheetName);
    if (!lines) sheets.set(sheetName, (lines = []));
    lines.push(line);

    let total = summary.get(r.reportingUnitId);
    if (!total) summary.set(r.reportingUnitId, (total = [r.reportingUnitName, status, time(r.submittedAt), 0, 0]));
    (total[3] as number)++;
    if (r.name) (total[4] as number)++;
  }
  const lines = watermark ? [watermark] : [];
  const list = (name: string, header: readonly string[], body: CellValue[][]): SheetSpec => ({ name, title: `${TABLE_TITLE}——${name}`, lines, header, rows: body, filter: true });
  return [list("汇总", SUMMARY_HEADER, [...summary.values()]), ...[...sheets].map(([name, body]) => list(name, PROVINCE_HEADER, body))];
}
