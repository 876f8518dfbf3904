// A phase or a session of a training task, row-locked with its campaign for a change by the publishing province.
// Another publisher's, or one of a roster task, is not found.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditLog, type Campaign, type TrainingPhase, type TrainingSession, trainingPhases, trainingSessions, users } from "@/db/schema";
import { lockCampaign } from "@/lib/campaigns/lifecycle";
import type { Actor } from "@/lib/core/actor";
import { notFound } from "@/lib/core/errors";

async function lockTrainingCampaign(tx: Tx, actor: Actor, campaignId: number): Promise<Campaign> {
  const campaign = await lockCampaign(tx, campaignId, actor.unitId);
  if (campaign.kind !== "training") throw notFound();
  return campaign;
}

export async function lockPhase(tx: Tx, actor: Actor, phaseId: number): Promise<{ phase: TrainingPhase; campaign: Campaign }> {
  const [found] = await tx.select({ campaignId: trainingPhases.campaignId }).from(trainingPhases).where(eq(trainingPhases.id, phaseId));
  if (!found) throw notFound();
  const campaign = await lockTrainingCampaign(tx, actor, found.campaignId);
  const [phase] = await tx.select().from(trainingPhases).where(eq(trainingPhases.id, phaseId)).for("update");
  return { phase, campaign };
}

export async function lockSession(tx: Tx, actor: Actor, sessionId: number): Promise<{ session: TrainingSession; campaign: Campaign }> {
  const [found] = await tx.select({ campaignId: trainingSessions.campaignId }).from(trainingSessions).where(eq(trainingSessions.id, sessionId));
  if (!found) throw notFound();
  const campaign = await lockTrainingCampaign(tx, actor, found.campaignId);
  const [session] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId)).for("update");
  return { session, campaign };
}

/** Who last saved a session and when, from the audit log (a stale edit names them). */
export async function lastChangeOfSession(tx: Tx, sessionId: number): Promise<{ at: Date; userId: number | null; name: string | null } | null> {
  const [change] = await tx
    .select({ at: auditLog.at, userId: auditLog.userId, name: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        eq(auditLog.targetType, "training_session"),
        eq(auditLog.targetId, String(sessionId)),
        eq(auditLog.outcome, "success"),
        inArray(auditLog.action, ["training.create_session", "training.update_session"]),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  return change ?? null;
}
