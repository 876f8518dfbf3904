// A training task runs on the roster's engine (assignments, submissions, reminder slots) without being mistaken for a
// roster table by the pages and commands that read and write administrator tables.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaigns, emailOutbox, submissions, trainingPhases } from "@/db/schema";
import { getTasksByActor } from "@/lib/campaigns/queries";
import { urgeCommand } from "@/lib/reminders/commands";
import { runReminderTick } from "@/lib/reminders/tick";
import { getReviewQueueByCampaign } from "@/lib/review/queries";
import { getSubmissionForActor } from "@/lib/roster/queries";
import { submitCommand } from "@/lib/submissions/commands";
import { actorFor, dataOf, freshSeededDatabaseEachTest, REVIEWER_EMAIL, run } from "../support/actors";
import { publishedTraining, TRAINING_DEADLINE } from "../support/training";

const t = freshSeededDatabaseEachTest();

describe("a training task on the campaign engine", () => {
  it("starts with the notice's three phases, dates 待定, and one submission per assigned unit", async () => {
    const { campaign, phases } = await publishedTraining(t.db);
    expect(campaign.kind).toBe("training");
    expect(campaign.sourceCampaignId).not.toBeNull();
    expect(phases.map((p) => [p.ordinal, p.title, p.startsOn, p.endsOn])).toEqual([
      [1, "系统集中培训", null, null],
      [2, "2020学年度业务数据采集", null, null],
      [3, "系统全面应用及问题收集反馈", null, null],
    ]);
    const [roster] = await t.db.select().from(campaigns).where(eq(campaigns.id, campaign.sourceCampaignId!));
    const opened = await t.db.select().from(submissions).where(eq(submissions.campaignId, campaign.id));
    const rosterTables = await t.db.select().from(submissions).where(eq(submissions.campaignId, roster.id));
    expect(opened.length).toBe(rosterTables.length);
    expect(await t.db.select().from(trainingPhases).where(eq(trainingPhases.campaignId, roster.id))).toEqual([]);
  });

  it("shows on 我的任务 as a training task, and its 回执 is not an administrator table", async () => {
    const { campaign, city, citySubmission } = await publishedTraining(t.db);
    const task = (await getTasksByActor({ db: t.db, actor: city })).find((x) => x.id === campaign.id);
    expect(task?.kind).toBe("training");
    expect(await getSubmissionForActor({ db: t.db, actor: city, submissionId: citySubmission.id })).toBeNull();
    const submit = await run(t.db, submitCommand, { submissionId: citySubmission.id, expectedVersion: citySubmission.version }, city);
    expect(submit).toMatchObject({ ok: false, notFound: true });
    const reviewer = await actorFor(t.db, REVIEWER_EMAIL);
    await t.db.update(submissions).set({ status: "submitted", submittedAt: new Date() }).where(eq(submissions.id, citySubmission.id));
    expect(await getReviewQueueByCampaign({ db: t.db, actor: reviewer, campaignId: campaign.id, filter: { order: "asc" } })).toEqual([]);
  });

  it("sends its reminder slot to the units that have not submitted, linking to the training page, and no roster digest", async () => {
    const { campaign } = await publishedTraining(t.db);
    await runReminderTick({ db: t.db, now: new Date(TRAINING_DEADLINE.getTime() - 1440 * 60_000 + 60_000) });
    const emails = await t.db.select().from(emailOutbox).where(eq(emailOutbox.campaignId, campaign.id));
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) {
      expect(email.subject).toMatch(/^【(新任务|催报提醒)】/);
      expect(email.text).not.toContain("/submissions/");
    }
    expect(emails.filter((e) => e.subject.startsWith("【催报提醒】")).every((e) => e.text.includes(`/training/${campaign.id}`))).toBe(true);
    expect(emails.some((e) => e.subject.startsWith("【催报提醒】"))).toBe(true);
  });

  it("「催报」 of a training task names the task and its page, not empty administrator rows", async () => {
    const { campaign, province, city } = await publishedTraining(t.db);
    dataOf(await run(t.db, urgeCommand, { campaignId: campaign.id, unitId: city.unitId }, province));
    const [email] = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.campaignId, campaign.id), eq(emailOutbox.kind, "urge")));
    expect(email.subject).toBe(`【催报】${campaign.title}`);
    expect(email.text).toContain(`/training/${campaign.id}`);
    expect(email.text).not.toContain("管理员信息未填写");
  });
});

