// The province edits its rules and re-runs them for a verification task.
import { and, eq, sql } from "drizzle-orm";
import { users, verificationRules } from "@/db/schema";
import { assertNotClosed, lockCampaign } from "@/lib/campaigns/lifecycle";
import { defineCommand } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import { assertVersion } from "@/lib/submissions/lock";
import { TOLERANT_RULES } from "./defaults";
import { runVerification } from "./engine";
import { runVerificationSchema, updateRuleSchema } from "./schemas";

/** A rule's name, severity, tolerance and whether it runs; the results change at the next run (重新核验). */
export const updateRuleCommand = defineCommand({
  name: "verification.update_rule",
  permission: "verification.manage",
  input: updateRuleSchema,
  async run({ tx, actor, now, target }, { ruleId, expectedVersion, name, severity, tolerancePercent, enabled }) {
    const [rule] = await tx
      .select()
      .from(verificationRules)
      .where(and(eq(verificationRules.id, ruleId), eq(verificationRules.ownerUnitId, actor.unitId)))
      .for("update");
    if (!rule) throw notFound();
    const [editor] = rule.updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, rule.updatedBy)) : [];
    assertVersion({ version: rule.version, updatedAt: rule.updatedAt, updatedBy: rule.updatedBy, updatedByName: editor?.name ?? null }, expectedVersion, "该规则", actor.userId);
    const tolerant = TOLERANT_RULES.has(rule.code);
    if (tolerant && tolerancePercent === null) throw new DomainError("", { fieldErrors: { tolerancePercent: "容差：该规则比较数量，请填写容差百分数" } });
    if (!tolerant && tolerancePercent !== null) throw new DomainError("", { fieldErrors: { tolerancePercent: "容差：该规则不比较数量，请留空" } });
    const tolerance = tolerancePercent === null ? null : tolerancePercent / 100;
    const [saved] = await tx
      .update(verificationRules)
      .set({ name, severity, tolerance, enabled, version: sql`${verificationRules.version} + 1`, updatedAt: now, updatedBy: actor.userId })
      .where(eq(verificationRules.id, ruleId))
      .returning({ version: verificationRules.version });
    target("verification_rule", ruleId, { code: rule.code, name, severity, tolerance, enabled, previous: { name: rule.name, severity: rule.severity, tolerance: rule.tolerance, enabled: rule.enabled } });
    return { ruleId, version: saved.version };
  },
});

/** 重新核验: the rules against the latest snapshots, for one of the province's verification tasks. */
export const runVerificationCommand = defineCommand({
  name: "verification.run",
  permission: "verification.manage",
  input: runVerificationSchema,
  async run({ tx, actor, now, target }, { campaignId }) {
    const campaign = await lockCampaign(tx, campaignId, actor.unitId);
    if (campaign.kind !== "verification") throw notFound();
    assertNotClosed(campaign);
    const counts = await runVerification(tx, { campaignId, now });
    target("campaign", campaignId, counts);
    return counts;
  },
});
