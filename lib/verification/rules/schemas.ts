// Zod schemas of the rules page and the run, shared by its form and the commands. Browser-safe.
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD, versionField } from "@/lib/core/input";


/** 容差 is entered as a percentage (5 = ±5%) and kept as a fraction (0.05); empty for the rules that take none. */
const tolerancePercent = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    if (raw === "") return null;
    const value = Number(raw);
    if (!/^\d+(\.\d{1,2})?$/.test(raw) || value > 1000) {
      ctx.issues.push({ code: "custom", message: "容差：请填写 0 至 1000 之间的百分数，最多两位小数", input: raw });
      return z.NEVER;
    }
    return value;
  });

export const updateRuleSchema = z.strictObject(
  {
    ruleId: id,
    expectedVersion: versionField,
    name: z
      .string({ error: "规则名称：请填写" })
      .trim()
      .min(1, "规则名称：请填写")
      .max(60, "规则名称：不能超过 60 个字"),
    severity: z.enum(["error", "notice"], { error: "级别：请选择错误或提示" }),
    tolerancePercent,
    enabled: z.boolean({ error: "启用：请选择" }),
  },
  UNKNOWN_FIELD,
);
export type UpdateRuleInput = z.input<typeof updateRuleSchema>;

export const runVerificationSchema = z.strictObject({ campaignId: id }, UNKNOWN_FIELD);

