import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "@/db/seed";
import { campaignAssignments, campaigns, emailOutbox, submissions, trainingPhases, trainingSessions } from "@/db/schema";
import { seedDemoTraining } from "@/db/seed/training";
import { getTasksByActor } from "@/lib/campaigns/queries";
import { actorFor, CITY_EMAIL, DEADLINE, freshSeededDatabaseEachTest, NOW } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const SCHOOL_EMAIL = DEMO_LOGINS.find((l) => l.role === "school_staff")!.email;

describe("the demo's 系统应用培训", () => {
  it("is a published training task on the roster task's units: phase 1 dated and announced, phases 2 and 3 待定, two sessions", async () => {
    const { db } = world;
    expect(await seedDemoTraining(db, { now: NOW })).toEqual({ created: true });
    const all = await db.select().from(campaigns).orderBy(campaigns.id);
    const roster = all.find((c) => c.kind === "roster")!;
    const training = all.find((c) => c.kind === "training")!;
    expect(training).toMatchObject({ status: "published", sourceCampaignId: roster.id, docNumber: roster.docNumber });
    expect(training.deadline.getTime()).toBe(DEADLINE.getTime() + 7 * 24 * 3600_000);

    const unitsOf = async (campaignId: number) =>
      (await db.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId))).map((a) => a.unitId).sort();
    expect(await unitsOf(training.id)).toEqual(await unitsOf(roster.id));
    expect(await db.$count(submissions, eq(submissions.campaignId, training.id))).toBe((await unitsOf(roster.id)).length);
    // Seeded before the portal has an address to link to (npm run demo seeds, then serves): no notice email.
    expect(await db.$count(emailOutbox, eq(emailOutbox.campaignId, training.id))).toBe(0);

    const phases = await db.select().from(trainingPhases).where(eq(trainingPhases.campaignId, training.id)).orderBy(trainingPhases.ordinal);
    expect(phases[0]).toMatchObject({ startsOn: "2025-03-21", endsOn: "2025-03-25", announcedAt: NOW });
    expect(phases.slice(1).map((p) => [p.startsOn, p.endsOn, p.announcedAt])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    const sessions = await db.select().from(trainingSessions).where(eq(trainingSessions.campaignId, training.id)).orderBy(trainingSessions.id);
    expect(sessions.map((s) => [s.mode, s.phaseId])).toEqual([
      ["online", phases[0].id],
      ["onsite", phases[0].id],
    ]);
  });

  it("shows on 我的任务 of a city and of a province-affiliated school, and is made once", async () => {
    const { db } = world;
    await seedDemoTraining(db, { now: NOW });
    expect(await seedDemoTraining(db, { now: NOW })).toEqual({ created: false });
    expect(await db.$count(campaigns, eq(campaigns.kind, "training"))).toBe(1);
    for (const email of [CITY_EMAIL, SCHOOL_EMAIL]) {
      const tasks = await getTasksByActor({ db, actor: await actorFor(db, email) });
      expect(tasks.filter((t) => t.kind === "training")).toHaveLength(1);
      expect(tasks.find((t) => t.kind === "training")).toMatchObject({ ownTable: true, submissionStatus: "draft" });
    }
  });
});
