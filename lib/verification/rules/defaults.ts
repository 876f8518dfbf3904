// The rules a province starts with. What each compares is lib/verification/rules/engine.ts's; its name, severity,
// tolerance and whether it runs are the province's to edit (verification.update_rule).
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { type DiscrepancySeverity, type VerificationRule, verificationRules } from "@/db/schema";

export type RuleCode =
  | "missing_from_source"
  | "extra_in_source"
  | "voided_code"
  | "name_differs"
  | "county_differs"
  | "students_vs_statistics"
  | "teachers_vs_statistics"
  | "blank_indicator"
  | "year_on_year";

type RuleDefault = { code: RuleCode; name: string; severity: DiscrepancySeverity; tolerance: number | null };

export const RULE_DEFAULTS: readonly RuleDefault[] = [
  { code: "missing_from_source", name: "名册中的学校在数据源中缺失", severity: "error", tolerance: null },
  { code: "extra_in_source", name: "数据源中的学校不在名册中", severity: "notice", tolerance: null },
  { code: "voided_code", name: "学校标识码已撤销仍在使用", severity: "error", tolerance: null },
  { code: "name_differs", name: "学校名称与学校（机构）代码不一致", severity: "notice", tolerance: null },
  { code: "county_differs", name: "驻地区划与所属区县不一致", severity: "error", tolerance: null },
  { code: "students_vs_statistics", name: "学生系统在籍学生数与事业统计在校生数不一致", severity: "notice", tolerance: 0.05 },
  { code: "teachers_vs_statistics", name: "教师系统专任教师数与事业统计专任教师数不一致", severity: "notice", tolerance: 0.05 },
  { code: "blank_indicator", name: "事业统计必填指标为空或为零（三无）", severity: "error", tolerance: null },
  { code: "year_on_year", name: "事业统计指标同比变化超出幅度", severity: "notice", tolerance: 0.3 },
];

/** The rules that compare counts take a tolerance; the others have none. */
export const TOLERANT_RULES: ReadonlySet<string> = new Set(RULE_DEFAULTS.filter((r) => r.tolerance !== null).map((r) => r.code));

/** The province's rules, in the order above; the defaults are written the first time they are asked for. */
export async function ensureRules(tx: Tx, ownerUnitId: number): Promise<VerificationRule[]> {
  await tx
    .insert(verificationRules)
    .values(RULE_DEFAULTS.map((r) => ({ ...r, ownerUnitId })))
    .onConflictDoNothing({ target: [verificationRules.ownerUnitId, verificationRules.code] });
  const rules = await tx.select().from(verificationRules).where(eq(verificationRules.ownerUnitId, ownerUnitId));
  const order = RULE_DEFAULTS.map((r) => r.code as string);
  return rules.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}
