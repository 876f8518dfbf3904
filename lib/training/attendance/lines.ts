// What importing each line of a 签到表 or meeting export would do: check it (a name, a phone that parses and is not
// another line's, times that read) and match it to a registration of the session. Pure: the preview shows it, the
// commit recomputes it. One wrong line and nothing is imported; a line nobody matches is no error, it waits for a person.
import { normalizePhone } from "@/lib/roster/rules";
import type { TableRow, TableSpec } from "@/lib/xlsx/parse";
import type { ImportPlan, PreviewRow } from "@/lib/xlsx/pipeline";
import { formatDateTime } from "@/lib/time";
import { type AttendanceFormat, MEETING_TABLE, type MeetingColumn, parseAttendanceTime, parseMinutes, SIGN_IN_TABLE, type SignInColumn } from "./formats";
import { attendanceMatcher, type MatchOutcome, phoneKey, type Registrant } from "./match";

export type AttendanceColumn = SignInColumn | MeetingColumn;

/** A line as it is stored, with its match. */
export type LineWrite = {
  line: number;
  name: string;
  phone: string | null;
  unitName: string | null;
  joinedAt: Date | null;
  leftAt: Date | null;
  durationMinutes: number | null;
  outcome: MatchOutcome;
};

export const FORMAT_SPECS: Record<AttendanceFormat, TableSpec<AttendanceColumn>> = {
  sign_in: SIGN_IN_TABLE as TableSpec<AttendanceColumn>,
  meeting: MEETING_TABLE as TableSpec<AttendanceColumn>,
};

const MAX_NAME = 50;
const MAX_UNIT = 100;

export function planAttendanceLines(
  format: AttendanceFormat,
  rows: readonly TableRow<AttendanceColumn>[],
  { registrants, sessionStartsAt }: { registrants: readonly Registrant[]; sessionStartsAt: Date },
): ImportPlan<AttendanceColumn, LineWrite> {
  const spec = FORMAT_SPECS[format];
  const label = (k: AttendanceColumn) => spec.columns[k][0];
  const match = attendanceMatcher(registrants);
  const byId = new Map(registrants.map((r) => [r.id, r]));
  const firstLineOfPhone = new Map<string, number>();
  const plan: ImportPlan<AttendanceColumn, LineWrite> = { rows: [], writes: [] };

  for (const row of rows) {
    const v = (k: AttendanceColumn) => row.values[k] ?? "";
    const preview: PreviewRow<AttendanceColumn> = { line: row.line, status: "blank", values: { ...row.values }, changes: [], errors: [], warnings: [] };
    plan.rows.push(preview);
    if (!row.filled) continue;
    const errors = preview.errors;
    for (const [column, error] of Object.entries(row.cellErrors) as [AttendanceColumn, string][]) {
      errors.push(`${label(column)}：单元格是错误值「${error}」（公式无法计算），请直接填写内容`);
    }

    const name = v("name").normalize("NFKC").replace(/\s+/g, " ").trim();
    if (!name) errors.push(`${label("name")}：请填写`);
    else if ([...name].length > MAX_NAME) errors.push(`${label("name")}：不能超过 ${MAX_NAME} 个字`);
    const unitName = v("unitName").normalize("NFKC").replace(/\s+/g, " ").trim() || null;
    if (unitName && [...unitName].length > MAX_UNIT) errors.push(`${label("unitName")}：不能超过 ${MAX_UNIT} 个字`);

    let phone: string | null = null;
    if (v("phone")) {
      const parsed = normalizePhone(v("phone"));
      if (!parsed.ok) errors.push(`${label("phone")}：${parsed.message}`);
      else {
        phone = parsed.value;
        const first = firstLineOfPhone.get(phoneKey(phone));
        if (first !== undefined) errors.push(`${label("phone")}：与第 ${first} 行的号码相同，每人只能有一行，请删除重复的行`);
        else firstLineOfPhone.set(phoneKey(phone), row.line);
      }
    }

    const time = (k: AttendanceColumn, needed: boolean) => {
      const text = v(k);
      if (!text) {
        if (needed) errors.push(`${label(k)}：请填写`);
        return null;
      }
      const at = parseAttendanceTime(text, sessionStartsAt);
      if (!at) errors.push(`${label(k)}：无法识别「${text}」，请填写如「2021-11-26 09:00」的时间`);
      return at;
    };
    let joinedAt: Date | null;
    let leftAt: Date | null = null;
    let durationMinutes: number | null = null;
    if (format === "sign_in") joinedAt = time("signedAt", false);
    else {
      joinedAt = time("joinedAt", true);
      leftAt = time("leftAt", true);
      if (joinedAt && leftAt && leftAt < joinedAt) errors.push(`${label("leftAt")}：早于${label("joinedAt")}，请核对`);
      if (v("duration")) {
        durationMinutes = parseMinutes(v("duration"));
        if (durationMinutes === null) errors.push(`${label("duration")}：无法识别「${v("duration")}」，请填写分钟数，如「95」`);
      } else if (joinedAt && leftAt) durationMinutes = Math.round((leftAt.getTime() - joinedAt.getTime()) / 60_000);
    }

    preview.values = {
      ...preview.values,
      name: name || v("name"),
      phone: phone ?? v("phone"),
      ...(format === "sign_in" ? { signedAt: joinedAt ? formatDateTime(joinedAt) : v("signedAt") } : {}),
      ...(format === "meeting" ? { joinedAt: joinedAt ? formatDateTime(joinedAt) : v("joinedAt"), leftAt: leftAt ? formatDateTime(leftAt) : v("leftAt") } : {}),
    };
    if (errors.length > 0) {
      preview.status = "error";
      continue;
    }
    const outcome = match({ name, phone, unitName });
    preview.status = "new";
    if (outcome.match === "matched") {
      const r = byId.get(outcome.registrationId)!;
      preview.changes.push(`匹配${outcome.by === "phone" ? "（按手机号）" : "（按姓名和单位）"}：${r.name}（${r.unitName}）`);
    } else if (outcome.match === "ambiguous") {
      const names = outcome.candidates.map((id) => `${byId.get(id)!.name}（${byId.get(id)!.unitName}）`).join("、");
      preview.warnings.push(`有 ${outcome.candidates.length} 名报名人员都可能是此人：${names}，导入后请选择`);
    } else preview.warnings.push("未找到对应的报名人员，导入后请选择报名人员或忽略");
    plan.writes.push({ line: row.line, name, phone, unitName, joinedAt, leftAt, durationMinutes, outcome });
  }
  return plan;
}
