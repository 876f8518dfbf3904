import { z } from "zod";
import { idField, UNKNOWN_FIELD, versionField } from "@/lib/core/input";
import { RETURN_REASON_MAX } from "../answers/rules";

/** 确认 of the actor's own level, on the verification submission of its reporting unit. */
export const confirmSchema = z.strictObject({ submissionId: idField }, UNKNOWN_FIELD);

/** The province's 确认 of a reporting unit, on the version it looked at. */
export const approveSchema = z.strictObject({ submissionId: idField, expectedVersion: versionField }, UNKNOWN_FIELD);

/** 退回 an answered item, with the reason the school answers to. */
export const returnItemSchema = z.strictObject(
  {
    discrepancyId: idField,
    expectedVersion: versionField,
    reason: z
      .string({ error: "退回原因：请填写" })
      .trim()
      .min(1, "退回原因：请填写，学校将按此重新处理")
      .max(RETURN_REASON_MAX, `退回原因：不能超过 ${RETURN_REASON_MAX} 个字，请精简`),
  },
  UNKNOWN_FIELD,
);

export type ReturnItemValues = Pick<z.input<typeof returnItemSchema>, "reason">;
