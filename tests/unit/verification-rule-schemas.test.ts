// 核验规则's form: 容差 entered as a percentage, kept as a number; empty for the rules that compare no counts.
import { describe, expect, it } from "vitest";
import { updateRuleSchema } from "@/lib/verification/rules/schemas";

const base = { ruleId: 3, expectedVersion: 1, name: " 学生数不一致 ", severity: "notice", enabled: true };

describe("updateRuleSchema", () => {
  it("reads 容差 as a percentage and trims the name", () => {
    expect(updateRuleSchema.parse({ ...base, tolerancePercent: "5" })).toMatchObject({ name: "学生数不一致", tolerancePercent: 5 });
    expect(updateRuleSchema.parse({ ...base, tolerancePercent: " 12.5 " }).tolerancePercent).toBe(12.5);
    expect(updateRuleSchema.parse({ ...base, tolerancePercent: "" }).tolerancePercent).toBeNull();
  });

  it("refuses a tolerance that is no percentage, beside its field", () => {
    for (const raw of ["-1", "abc", "5%", "1.234", "1001"]) {
      const result = updateRuleSchema.safeParse({ ...base, tolerancePercent: raw });
      expect(result.success, raw).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ["tolerancePercent"], message: expect.stringContaining("容差") });
    }
  });

  it("refuses an empty name and an unknown severity", () => {
    expect(updateRuleSchema.safeParse({ ...base, name: " ", tolerancePercent: "" }).error?.issues[0].message).toBe("规则名称：请填写");
    expect(updateRuleSchema.safeParse({ ...base, severity: "fatal", tolerancePercent: "" }).success).toBe(false);
  });
});
