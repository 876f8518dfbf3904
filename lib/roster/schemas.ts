// Zod schemas shared by the react-hook-form client and the server action.
// Parsing yields the canonical forms produced by ./rules.
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD, versionField as version } from "@/lib/core/input";
import { purposeField } from "@/lib/privacy/schemas";
import {
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizePosition,
  normalizeSchoolCode,
  type RuleResult,
} from "./rules";

/** Column headings of 《单位系统管理员实名信息表》, worded as in the notice. */
export const FIELD_LABELS = {
  unitName: "单位名称",
  schoolCode: "学校教育事业统计标识码（仅学校用户填写）",
  name: "姓名",
  position: "职务",
  phone: "联系电话",
  email: "邮箱",
} as const;

/** Header fields printed above the table. */
export const HEADER_LABELS = {
  fillerName: "填报人",
  fillerPhone: "联系电话",
} as const;

function check(label: string, rule: (raw: string) => RuleResult) {
  return (raw: string, ctx: z.RefinementCtx): string => {
    const result = rule(raw);
    if (result.ok) return result.value;
    ctx.issues.push({ code: "custom", message: `${label}：${result.message}`, input: raw });
    return z.NEVER;
  };
}

/** A required string checked and normalized by one of ./rules, its message prefixed with the field's label. */
export function required(label: string, rule: (raw: string) => RuleResult) {
  return z.string({ error: `${label}：请填写` }).transform(check(label, rule));
}

export const rosterRowSchema = z.object({
  name: required(FIELD_LABELS.name, normalizeName),
  position: required(FIELD_LABELS.position, normalizePosition),
  phone: required(FIELD_LABELS.phone, normalizePhone),
  email: required(FIELD_LABELS.email, normalizeEmail),
  // Whether a unit needs a code depends on its kind, decided by the caller; blank parses to null.
  // The heading is too long for a message, so messages use the short name.
  schoolCode: z
    .string()
    .optional()
    .transform((raw, ctx) => (raw?.trim() ? check("学校标识码", normalizeSchoolCode)(raw, ctx) : null)),
});

export const fillerSchema = z.object({
  fillerName: required(HEADER_LABELS.fillerName, normalizeName),
  fillerPhone: required(HEADER_LABELS.fillerPhone, normalizePhone),
});

export type RosterRowInput = z.input<typeof rosterRowSchema>;
export type RosterRowOutput = z.output<typeof rosterRowSchema>;
export type FillerInput = z.input<typeof fillerSchema>;
export type FillerOutput = z.output<typeof fillerSchema>;


/** One row saved from the table: which unit, the version it was loaded at (null when it was empty), and the values. */

export const saveRowSchema = z.strictObject({ ...rosterRowSchema.shape, submissionId: id, unitId: id, expectedVersion: version.nullable() }, UNKNOWN_FIELD);

export const saveHeaderSchema = z.strictObject({ ...fillerSchema.shape, submissionId: id, expectedVersion: version }, UNKNOWN_FIELD);

export const SCAN_MAX_BYTES = 10 * 1024 * 1024;

export const uploadScanSchema = z.strictObject({
  submissionId: id,
  expectedVersion: version,
  file: z
    .instanceof(File, { error: "请选择要上传的扫描件" })
    .refine((f) => f.size > 0, "文件是空的，请重新选择扫描件")
    .refine((f) => f.size <= SCAN_MAX_BYTES, "扫描件不能超过 10 MB，请压缩或降低分辨率后重新上传"),
}, UNKNOWN_FIELD);

export type SaveRowInput = z.input<typeof saveRowSchema>;

/** 「查看完整信息」: which table, and why (audited). */
export const revealContactsSchema = z.strictObject({ submissionId: id, reason: purposeField("查看") }, UNKNOWN_FIELD);
export type RevealContactsInput = z.input<typeof revealContactsSchema>;
