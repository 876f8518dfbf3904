// Discrepancies as the rule engine would leave them, written directly: a rule of the province and items of a school.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/index";
import { type DiscrepancySeverity, discrepancies, users, verificationConfirmations, verificationRules } from "@/db/schema";
import { actorFor, NOW, unitByCode } from "./actors";

/** A rule of the province of the given severity, its code unique per call. */
export async function ruleOf(db: Db, ownerUnitId: number, severity: DiscrepancySeverity, code = `test_${severity}_${Math.random().toString(36).slice(2, 8)}`) {
  const [rule] = await db.insert(verificationRules).values({ ownerUnitId, code, name: severity === "error" ? "学生数与事业统计差异" : "教学仪器设备总值为空", severity }).returning();
  return rule;
}

/** An open item of the school. */
export async function discrepancyOf(db: Db, { campaignId, unitId, ruleId, severity, key = `k${Math.random().toString(36).slice(2, 8)}` }: { campaignId: number; unitId: number; ruleId: number; severity: DiscrepancySeverity; key?: string }) {
  const [item] = await db
    .insert(discrepancies)
    .values({ campaignId, unitId, ruleId, key, severity, subject: "在籍学生数（学生系统） / 在校生数（事业统计）", leftLabel: "学生系统", leftValue: "1200", rightLabel: "事业统计", rightValue: "840", detectedAt: NOW })
    .returning();
  return item;
}

/** The school staff of a school (seeded for 河北省示例机电工程学校, made here for the others). */
export async function schoolStaffOf(db: Db, schoolCode: string) {
  const unit = await unitByCode(db, schoolCode);
  const email = `staff-${schoolCode}@test.baosong.cn`;
  const [existing] = await db.select().from(users).where(and(eq(users.unitId, unit.id), eq(users.role, "school_staff")));
  if (!existing) await db.insert(users).values({ email, name: "孙丽", role: "school_staff", unitId: unit.id, status: "active", passwordHash: "x" });
  return actorFor(db, existing?.email ?? email);
}

/** Every unit of the list confirmed, as if their officers had. */
export async function confirmedDirectly(db: Db, campaignId: number, unitIds: number[]) {
  if (unitIds.length) await db.insert(verificationConfirmations).values(unitIds.map((unitId) => ({ campaignId, unitId, confirmedAt: NOW }))).onConflictDoNothing();
}
