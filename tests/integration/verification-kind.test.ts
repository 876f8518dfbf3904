// A verification task runs on the campaign engine: one submission per reporting unit, its school year kept beside it,
// and no roster page or command mistakes its submissions for administrator tables.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verificationTasks } from "@/db/schema";
import { getTasksByActor } from "@/lib/campaigns/queries";
import { getSubmissionForActor } from "@/lib/roster/queries";
import { actorFor, CITY_EMAIL, freshSeededDatabaseEachTest } from "../support/actors";
import { publishedVerification, VERIFICATION_YEAR } from "../support/verification";

const t = freshSeededDatabaseEachTest();

describe("a verification task on the campaign engine", () => {
  it("keeps its school year, opens a submission per reporting unit, and links 我的任务 to its own page", async () => {
    const { campaign, submissions } = await publishedVerification(t.db);
    expect(campaign.kind).toBe("verification");
    expect(await t.db.select().from(verificationTasks).where(eq(verificationTasks.campaignId, campaign.id))).toEqual([{ campaignId: campaign.id, schoolYear: VERIFICATION_YEAR }]);
    const city = await actorFor(t.db, CITY_EMAIL);
    const task = (await getTasksByActor({ db: t.db, actor: city })).find((x) => x.id === campaign.id);
    expect(task).toMatchObject({ kind: "verification", ownTable: true });
    const own = submissions.find((s) => s.unitId === city.unitId)!;
    expect(await getSubmissionForActor({ db: t.db, actor: city, submissionId: own.id })).toBeNull();
  });
});
