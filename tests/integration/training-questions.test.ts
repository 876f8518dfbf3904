// 问题收集反馈: a unit asks, its city passes it on, the province answers and may publish the answer as a 常见问题;
// what each unit sees; the screenshot's checks and audited read; the province reminded after 3 working days.
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { auditLog, emailOutbox, trainingQuestions, trainingQuestionScreenshots, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { performDownload } from "@/lib/downloads/audited";
import { answerCommand, askCommand, publishFaqCommand, triageCommand, unpublishFaqCommand } from "@/lib/training/questions/commands";
import { screenshotDownload } from "@/lib/training/questions/downloads";
import { getQuestionsPage } from "@/lib/training/questions/queries";
import { queueQuestionReminders } from "@/lib/training/questions/reminders";
import {
  actorFor,
  auditOf,
  COUNTY_EMAIL,
  dataOf,
  EXE_BYTES,
  fileOf,
  freshSeededDatabaseEachTest,
  JPEG_BYTES,
  NOW,
  PNG_BYTES,
  REVIEWER_EMAIL,
  run,
  submissionOf,
  TANGSHAN,
  TANGSHAN_EMAIL,
} from "../support/actors";
import { publishedTraining } from "../support/training";

const t = freshSeededDatabaseEachTest();

const SCHOOL_EMAIL = "school@demo.baosong.cn";

async function world() {
  const training = await publishedTraining(t.db);
  const county = await actorFor(t.db, COUNTY_EMAIL);
  const tangshan = await actorFor(t.db, TANGSHAN_EMAIL);
  const school = await actorFor(t.db, SCHOOL_EMAIL);
  const reviewer = await actorFor(t.db, REVIEWER_EMAIL);
  const schoolSubmission = await trainingSubmissionOf(t.db, training.campaign.id, school.unitId);
  const ask = (actor: Actor, submissionId: number, fields: Record<string, unknown> = {}, now = NOW) =>
    run(t.db, askCommand, { submissionId, category: "import", body: "导入管理员信息时提示“学校代码不存在”，请问如何处理？", ...fields }, actor, now);
  return { ...training, county, tangshan, school, reviewer, schoolSubmission, ask };
}

async function trainingSubmissionOf(db: Db, campaignId: number, unitId: number): Promise<number> {
  const { submissions } = await import("@/db/schema");
  const [row] = await db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.campaignId, campaignId), eq(submissions.unitId, unitId)));
  return row.id;
}

async function questionById(id: number) {
  const [q] = await t.db.select().from(trainingQuestions).where(eq(trainingQuestions.id, id));
  return q;
}

describe("training.ask", () => {
  it("a county asks on its city's task, with a PNG screenshot; a school on its own with a JPEG", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.county, w.citySubmission.id, { screenshot: fileOf(PNG_BYTES, "报错.png") }));
    expect(await questionById(questionId)).toMatchObject({ campaignId: w.campaign.id, unitId: w.county.unitId, category: "import", state: "open", version: 1, createdBy: w.county.userId });
    const [shot] = await t.db.select().from(trainingQuestionScreenshots).where(eq(trainingQuestionScreenshots.questionId, questionId));
    expect(shot).toMatchObject({ fileName: "报错.png", mimeType: "image/png", size: PNG_BYTES.length });

    const school = dataOf(await w.ask(w.school, w.schoolSubmission, { category: "account", screenshot: fileOf(JPEG_BYTES, "截图.jpg") }));
    const [jpeg] = await t.db.select().from(trainingQuestionScreenshots).where(eq(trainingQuestionScreenshots.questionId, school.questionId));
    expect(jpeg.mimeType).toBe("image/jpeg");
    expect((await auditOf(t.db, "training.ask")).map((a) => a.outcome)).toEqual(["success", "success"]);
  });

  it("an empty file input is no screenshot", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.city, w.citySubmission.id, { screenshot: new File([], "") }));
    expect(await t.db.$count(trainingQuestionScreenshots, eq(trainingQuestionScreenshots.questionId, questionId))).toBe(0);
  });

  it("refuses a forged screenshot (an executable named .png), a PDF, and one over 5 MB, beside the field", async () => {
    const w = await world();
    for (const file of [fileOf(EXE_BYTES, "截图.png", "image/png"), fileOf(Buffer.from("%PDF-1.4\n"), "截图.jpg")]) {
      const refused = await w.ask(w.city, w.citySubmission.id, { screenshot: file });
      expect(refused).toMatchObject({ ok: false, fieldErrors: { screenshot: expect.stringContaining("PNG 或 JPG") } });
    }
    const big = fileOf(Buffer.concat([PNG_BYTES, Buffer.alloc(5 * 1024 * 1024)]), "大图.png");
    expect(await w.ask(w.city, w.citySubmission.id, { screenshot: big })).toMatchObject({ ok: false, fieldErrors: { screenshot: expect.stringContaining("5 MB") } });
    expect(await t.db.$count(trainingQuestions)).toBe(0);
    expect((await auditOf(t.db, "training.ask")).map((a) => a.outcome)).toEqual(["rejected", "rejected", "rejected"]);
  });

  it("refuses an empty or too long description, and an unknown category", async () => {
    const w = await world();
    expect(await w.ask(w.city, w.citySubmission.id, { body: "  " })).toMatchObject({ ok: false, fieldErrors: { body: "问题描述：请填写" } });
    expect(await w.ask(w.city, w.citySubmission.id, { body: "问".repeat(2001) })).toMatchObject({ ok: false, fieldErrors: { body: expect.stringContaining("2000") } });
    expect(await w.ask(w.city, w.citySubmission.id, { category: "salary" })).toMatchObject({ ok: false, fieldErrors: { category: "问题分类：请选择" } });
    dataOf(await w.ask(w.city, w.citySubmission.id, { body: "问".repeat(2000) }));
  });

  it("404s another city's task and a roster table, audited as denied", async () => {
    const w = await world();
    expect(await w.ask(w.tangshan, w.citySubmission.id)).toMatchObject({ ok: false, notFound: true });
    expect(await w.ask(w.school, w.citySubmission.id)).toMatchObject({ ok: false, notFound: true });
    const roster = await submissionOf(t.db, TANGSHAN);
    expect(await w.ask(w.tangshan, roster.id)).toMatchObject({ ok: false, notFound: true });
    expect((await auditOf(t.db, "training.ask")).map((a) => [a.outcome, (a.detail as { reason: string }).reason])).toEqual([
      ["denied", "not_found"],
      ["denied", "not_found"],
      ["denied", "not_found"],
    ]);
    expect(await t.db.$count(trainingQuestions)).toBe(0);
  });
});

describe("training.triage", () => {
  it("the city passes its county's question on with a note", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.county, w.citySubmission.id));
    dataOf(await run(t.db, triageCommand, { questionId, expectedVersion: 1, note: "县级反映多所学校遇到此问题，请省级统一答复。" }, w.city));
    expect(await questionById(questionId)).toMatchObject({ state: "triaged", triageNote: "县级反映多所学校遇到此问题，请省级统一答复。", triagedBy: w.city.userId, version: 2 });
    const again = await run(t.db, triageCommand, { questionId, expectedVersion: 2, note: "再次转交" }, w.city);
    expect(again).toMatchObject({ ok: false, formError: "该问题已转交省级，无需重复转交。" });
  });

  it("a city's own question goes straight to the province: nothing to pass on", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.city, w.citySubmission.id));
    expect(await run(t.db, triageCommand, { questionId, expectedVersion: 1, note: "转交" }, w.city)).toMatchObject({ ok: false, formError: expect.stringContaining("省级直接答复") });
  });

  it("refuses a stale form, naming who changed the question", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.county, w.citySubmission.id));
    const colleague = await actorFor(t.db, "sjz-second@test.baosong.cn");
    dataOf(await run(t.db, triageCommand, { questionId, expectedVersion: 1, note: "请省级答复" }, colleague));
    const stale = await run(t.db, triageCommand, { questionId, expectedVersion: 1, note: "请省级答复" }, w.city);
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("王建国") });
  });

  it("404s another city's question, audited as denied, writing nothing", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.county, w.citySubmission.id));
    const refused = await run(t.db, triageCommand, { questionId, expectedVersion: 1, note: "转交" }, w.tangshan);
    expect(refused).toMatchObject({ ok: false, notFound: true });
    const [audit] = await auditOf(t.db, "training.triage");
    expect(audit).toMatchObject({ outcome: "denied", userId: w.tangshan.userId, detail: { reason: "not_found" } });
    expect(await questionById(questionId)).toMatchObject({ state: "open", version: 1 });
  });
});

describe("training.answer", () => {
  it("the province answers; the asking unit's active users are emailed once", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.county, w.citySubmission.id));
    dataOf(await run(t.db, triageCommand, { questionId, expectedVersion: 1, note: "请省级答复" }, w.city));
    dataOf(await run(t.db, answerCommand, { questionId, expectedVersion: 2, answer: "请先在单位管理中核对学校代码，再重新导入。" }, w.province));
    expect(await questionById(questionId)).toMatchObject({ state: "answered", answer: "请先在单位管理中核对学校代码，再重新导入。", answeredBy: w.province.userId, version: 3 });
    const mails = await t.db.select().from(emailOutbox).where(eq(emailOutbox.kind, "training.question_answered"));
    const countyUsers = await t.db.select().from(users).where(and(eq(users.unitId, w.county.unitId), eq(users.status, "active")));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(countyUsers.map((u) => u.email.toLowerCase()).sort());
    expect(mails[0]).toMatchObject({ dedupeKey: `training-question-answered:${questionId}:${mails[0].toAddress}`, campaignId: w.campaign.id, unitId: w.county.unitId });
    expect(mails[0].text).toContain("请先在单位管理中核对学校代码");
    expect(await run(t.db, answerCommand, { questionId, expectedVersion: 3, answer: "再答" }, w.reviewer)).toMatchObject({ ok: false, formError: "该问题已答复。" });
  });

  it("refuses an empty answer beside the field; a filler may not answer", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.city, w.citySubmission.id));
    expect(await run(t.db, answerCommand, { questionId, expectedVersion: 1, answer: "" }, w.province)).toMatchObject({ ok: false, fieldErrors: { answer: "答复内容：请填写" } });
    expect(await run(t.db, answerCommand, { questionId, expectedVersion: 1, answer: "自己答" }, w.city)).toMatchObject({ ok: false, formError: "您的角色无权执行此操作。" });
  });
});

describe("常见问题", () => {
  it("publishes an answered question to every unit of the task, and takes it back", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.county, w.citySubmission.id));
    expect(await run(t.db, publishFaqCommand, { questionId, expectedVersion: 1 }, w.province)).toMatchObject({ ok: false, formError: expect.stringContaining("请先答复") });
    dataOf(await run(t.db, answerCommand, { questionId, expectedVersion: 1, answer: "请核对学校代码。" }, w.province));
    dataOf(await run(t.db, publishFaqCommand, { questionId, expectedVersion: 2 }, w.province));
    for (const reader of [w.school, w.tangshan, w.county, w.province]) {
      const page = await getQuestionsPage({ db: t.db, actor: reader, campaignId: w.campaign.id });
      expect(page?.faq.map((f) => [f.id, f.answer])).toEqual([[questionId, "请核对学校代码。"]]);
    }
    expect(await run(t.db, publishFaqCommand, { questionId, expectedVersion: 3 }, w.province)).toMatchObject({ ok: false, formError: "该问题已发布为常见问题。" });
    dataOf(await run(t.db, unpublishFaqCommand, { questionId, expectedVersion: 3 }, w.reviewer));
    expect((await getQuestionsPage({ db: t.db, actor: w.school, campaignId: w.campaign.id }))?.faq).toEqual([]);
    expect(await run(t.db, unpublishFaqCommand, { questionId, expectedVersion: 4 }, w.province)).toMatchObject({ ok: false, formError: "该问题未发布为常见问题。" });
  });
});

describe("who sees which question", () => {
  it("a unit its own, a city its subtree's, the province all; another city none but the 常见问题", async () => {
    const w = await world();
    const county = dataOf(await w.ask(w.county, w.citySubmission.id)).questionId;
    const city = dataOf(await w.ask(w.city, w.citySubmission.id)).questionId;
    const school = dataOf(await w.ask(w.school, w.schoolSubmission)).questionId;
    const seen = async (actor: Actor) => (await getQuestionsPage({ db: t.db, actor, campaignId: w.campaign.id }))?.questions.map((q) => q.id).sort();
    expect(await seen(w.county)).toEqual([county]);
    expect(await seen(w.city)).toEqual([county, city].sort());
    expect(await seen(w.school)).toEqual([school]);
    expect(await seen(w.tangshan)).toEqual([]);
    expect(await seen(w.province)).toEqual([county, city, school].sort());

    const page = (await getQuestionsPage({ db: t.db, actor: w.city, campaignId: w.campaign.id }))!;
    expect(page.asksOn).toBe(w.citySubmission.id);
    expect(page.questions.map((q) => [q.id, q.mayTriage, q.mayAnswer])).toEqual(expect.arrayContaining([[county, true, false], [city, false, false]]));
    expect((await getQuestionsPage({ db: t.db, actor: w.county, campaignId: w.campaign.id }))?.asksOn).toBe(w.citySubmission.id);
    const provincePage = (await getQuestionsPage({ db: t.db, actor: w.province, campaignId: w.campaign.id }))!;
    expect(provincePage.asksOn).toBeNull();
    expect(provincePage.questions.every((q) => q.mayAnswer && !q.mayTriage)).toBe(true);
  });

  it("the screenshot opens for whoever sees the question, audited; not for another city", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.county, w.citySubmission.id, { screenshot: fileOf(PNG_BYTES, "报错.png") }));
    const open = (actor: Actor) => performDownload({ db: t.db, actor, ip: "127.0.0.1", now: NOW }, "training.view_screenshot", screenshotDownload(w.campaign.id, questionId));
    for (const reader of [w.county, w.city, w.province]) expect((await open(reader))?.content.equals(PNG_BYTES)).toBe(true);
    expect(await open(w.tangshan)).toBeNull();
    expect(await open(w.school)).toBeNull();
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "training.view_screenshot")).orderBy(auditLog.id);
    expect(audits.map((a) => [a.userId, a.targetId])).toEqual([w.county, w.city, w.province].map((a) => [a.userId, String(questionId)]));
  });
});

describe("the province is reminded of a question unanswered for 3 working days", () => {
  const FRIDAY = new Date("2025-03-07T15:00:00+08:00");
  const WEDNESDAY = new Date("2025-03-12T15:00:00+08:00");
  const reminders = () => t.db.select().from(emailOutbox).where(like(emailOutbox.dedupeKey, "training-question-unanswered:%"));

  it("asked Friday afternoon: not before Wednesday afternoon, then once, to the province's active administrators", async () => {
    const w = await world();
    const { questionId } = dataOf(await w.ask(w.county, w.citySubmission.id, {}, FRIDAY));
    expect(await queueQuestionReminders({ db: t.db, now: new Date(WEDNESDAY.getTime() - 60_000) })).toBe(0);
    expect(await reminders()).toEqual([]);
    expect(await queueQuestionReminders({ db: t.db, now: WEDNESDAY })).toBe(1);
    const admins = await t.db.select().from(users).where(and(eq(users.unitId, w.province.unitId), eq(users.role, "province_admin"), eq(users.status, "active")));
    const mails = await reminders();
    expect(mails.map((m) => m.toAddress).sort()).toEqual(admins.map((a) => a.email.toLowerCase()).sort());
    expect(mails[0].text).toContain("长安区");
    expect((await questionById(questionId)).remindedAt).toEqual(WEDNESDAY);
    expect(await queueQuestionReminders({ db: t.db, now: new Date(WEDNESDAY.getTime() + 86_400_000) })).toBe(0);
    expect(await reminders()).toHaveLength(mails.length);
  });

  it("a triaged question still reminds; an answered one does not", async () => {
    const w = await world();
    const triaged = dataOf(await w.ask(w.county, w.citySubmission.id, {}, FRIDAY)).questionId;
    const answered = dataOf(await w.ask(w.city, w.citySubmission.id, {}, FRIDAY)).questionId;
    dataOf(await run(t.db, triageCommand, { questionId: triaged, expectedVersion: 1, note: "请省级答复" }, w.city, FRIDAY));
    dataOf(await run(t.db, answerCommand, { questionId: answered, expectedVersion: 1, answer: "已处理。" }, w.province, FRIDAY));
    expect(await queueQuestionReminders({ db: t.db, now: WEDNESDAY })).toBe(1);
    expect((await questionById(triaged)).remindedAt).toEqual(WEDNESDAY);
    expect((await questionById(answered)).remindedAt).toBeNull();
  });
});
