import { z } from "zod";
import { idField, UNKNOWN_FIELD, versionField } from "@/lib/core/input";
import { ATTACHMENT_MAX_BYTES, CORRECTED_VALUE_MAX, EXPLANATION_MAX } from "./rules";

/** A file input left empty arrives as a nameless empty File: that is no attachment, not an empty one. */
const noFile = (value: unknown) => ((value instanceof File && value.size === 0 && !value.name) || value === "" ? undefined : value);
/** Fields of the other answer arrive empty from the form: they are no value. */
const blankless = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/**
 * 答复: 「已在源系统更正」 with the corrected value, or 「情况说明」 with text and an optional attachment. Multipart, for
 * the attachment; which of the two fields is required follows the answer chosen.
 */
export const answerSchema = z
  .strictObject(
    {
      discrepancyId: idField,
      expectedVersion: versionField,
      answer: z.enum(["corrected", "explained"], { error: "处理方式：请选择" }),
      correctedValue: z.preprocess(blankless, z.string().trim().max(CORRECTED_VALUE_MAX, `更正后的值：不能超过 ${CORRECTED_VALUE_MAX} 个字`).optional()),
      explanation: z.preprocess(blankless, z.string().trim().max(EXPLANATION_MAX, `情况说明：不能超过 ${EXPLANATION_MAX} 个字，请精简后再提交`).optional()),
      attachment: z.preprocess(
        noFile,
        z
          .instanceof(File, { error: "附件：请选择文件" })
          .refine((f) => f.size > 0, "附件：文件是空的，请重新选择")
          .refine((f) => f.size <= ATTACHMENT_MAX_BYTES, "附件：不能超过 10 MB，请压缩后重新选择")
          .optional(),
      ),
    },
    UNKNOWN_FIELD,
  )
  .superRefine((v, ctx) => {
    if (v.answer === "corrected" && !v.correctedValue) ctx.addIssue({ code: "custom", path: ["correctedValue"], message: "更正后的值：请填写在源系统中更正后的值" });
    if (v.answer === "explained" && !v.explanation) ctx.addIssue({ code: "custom", path: ["explanation"], message: "情况说明：请填写" });
  });
