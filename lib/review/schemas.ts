// Zod schemas shared by the review forms and their server actions.
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD, versionField as version } from "@/lib/core/input";


export const REASON_MAX_LENGTH = 500;

const reason = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .max(REASON_MAX_LENGTH, `${label}不能超过 ${REASON_MAX_LENGTH} 个字，请精简`);

/** 「开始审核」 and 「通过」: which submission, and the version the reviewer is looking at. */
export const reviewDecisionSchema = z.strictObject({ submissionId: id, expectedVersion: version }, UNKNOWN_FIELD);

/** 「退回」: an overall reason, and optionally one per row (blank row reasons are dropped). */
export const returnSchema = z.strictObject(
  {
    submissionId: id,
    expectedVersion: version,
    reason: reason("退回原因").min(1, "请填写退回原因，报送单位将按此修改"),
    rowReasons: z
      .array(z.strictObject({ unitId: id, reason: reason("该行的退回原因") }, UNKNOWN_FIELD))
      .max(2000)
      .default([])
      .transform((rows) => rows.filter((r) => r.reason !== "")),
    /** 「要求重新上传盖章扫描件」: the unit's current scan no longer counts for 「提交」. */
    requireNewScan: z.boolean({ error: "请勾选或取消「要求重新上传盖章扫描件」" }).default(false),
  },
  UNKNOWN_FIELD,
);

export type ReturnInput = z.input<typeof returnSchema>;
export type ReturnOutput = z.output<typeof returnSchema>;
