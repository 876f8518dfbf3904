// Zod schemas of 分派填报, shared by the city's and the delegates' forms and the commands.
import { z } from "zod";
import { fromBeijing } from "@/lib/campaigns/schedule";
import { idField as id, UNKNOWN_FIELD, versionField } from "@/lib/core/input";
import { normalizeEmail, normalizeName, normalizePhone } from "@/lib/roster/rules";
import { required } from "@/lib/roster/schemas";
import { commitFields, previewFields } from "@/lib/xlsx/schemas";

/** The most rows one click acts on: every county and school of the largest city, with room to spare. */
export const MAX_UNITS_AT_ONCE = 5000;

const unitIds = z
  .array(id, { error: "请选择单位" })
  .min(1, "请至少选择一个单位")
  .max(MAX_UNITS_AT_ONCE, "一次选择的单位过多，请分批操作")
  .transform((ids) => [...new Set(ids)]);

const deadlineShape = {
  deadlineDate: z.string({ error: "下级截止日期：请选择" }).refine((date) => fromBeijing(date, "00:00") !== null, "下级截止日期：请选择有效的日期"),
  deadlineTime: z.string({ error: "下级截止时刻：请选择" }).refine((time) => fromBeijing("2000-01-01", time) !== null, "下级截止时刻：请选择有效的时刻，如 17:00"),
};

const toDeadline = <T extends { deadlineDate: string; deadlineTime: string }>({ deadlineDate, deadlineTime, ...rest }: T) => ({
  ...rest,
  // Both parts were checked on their own; together they are always an instant.
  deadline: fromBeijing(deadlineDate, deadlineTime) as Date,
});

/**
 * 分派: each chosen county fills its own row, and its schools' rows too when `collectSchools`; each chosen school
 * its own row.
 */
export const assignSchema = z
  .strictObject({ submissionId: id, unitIds, collectSchools: z.boolean().default(false), ...deadlineShape }, UNKNOWN_FIELD)
  .transform(toDeadline);

/** 分派给学校: a collecting county hands the chosen schools' rows on to them. */
export const assignSchoolsSchema = z.strictObject({ submissionId: id, unitIds, ...deadlineShape }, UNKNOWN_FIELD).transform(toDeadline);

export const setDeadlineSchema = z.strictObject({ submissionId: id, ...deadlineShape }, UNKNOWN_FIELD).transform(toDeadline);

/** 收回 and 确认: rows of the city's table, by their units. */
export const rowsSchema = z.strictObject({ submissionId: id, unitIds }, UNKNOWN_FIELD);

export const RETURN_REASON_MAX = 500;

export const returnRowSchema = z.strictObject(
  {
    submissionId: id,
    unitId: id,
    reason: z
      .string({ error: "退回原因：请填写" })
      .transform((s) => s.trim())
      .pipe(z.string().min(1, "退回原因：请填写，说明需要下级修改什么").max(RETURN_REASON_MAX, `退回原因：不能超过 ${RETURN_REASON_MAX} 个字`)),
  },
  UNKNOWN_FIELD,
);

/** The delegate's 提交 and 撤回: its delegation, at the version its page showed. */
export const handInSchema = z.strictObject({ delegationId: id, expectedVersion: versionField }, UNKNOWN_FIELD);

export type AssignInput = z.input<typeof assignSchema>;
export type AssignSchoolsInput = z.input<typeof assignSchoolsSchema>;
export type ReturnRowInput = z.input<typeof returnRowSchema>;

/** The person who fills a delegate unit's rows, when the unit has no account yet: invited as its 填报员. */
export const inviteDelegateSchema = z.strictObject(
  {
    submissionId: id,
    unitId: id,
    name: required("姓名", normalizeName),
    phone: required("联系电话", normalizePhone),
    email: required("邮箱", normalizeEmail),
  },
  UNKNOWN_FIELD,
);

/** 重新发送 a delegate's activation email. */
export const delegateUnitSchema = z.strictObject({ submissionId: id, unitId: id }, UNKNOWN_FIELD);

export type InviteDelegateInput = z.input<typeof inviteDelegateSchema>;

/** The delegates' contacts from an .xlsx: preview, then commit the file previewed. */
export const previewContactsSchema = z.strictObject({ submissionId: id, ...previewFields }, UNKNOWN_FIELD);
export const importContactsSchema = z.strictObject({ submissionId: id, ...commitFields }, UNKNOWN_FIELD);

/** 分派填报's school list, asked for when the city opens a county (`county`, or "direct" for 市直属学校) or searches (`q`). */
export const freeSchoolsQuerySchema = z.strictObject(
  {
    county: z.union([z.literal("direct"), id]).optional(),
    q: z.string().trim().max(50, "搜索内容不能超过 50 个字").optional(),
  },
  UNKNOWN_FIELD,
);
