// 问题收集反馈: a unit asks, its city passes it on (转交), the province answers and may publish the answer as a 常见问题.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { trainingQuestions, trainingQuestionScreenshots } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { defineCommand } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import { isUnitInScope } from "@/lib/authz/scope";
import { enqueueEmails } from "@/lib/mail/outbox";
import { RECIPIENT, recipientFields, userRecipients } from "@/lib/mail/recipients";
import { sniffScanType } from "@/lib/roster/scan";
import { assertVersion } from "@/lib/submissions/lock";
import { answeredEmail } from "./emails";
import { type FoundQuestion, findQuestion } from "./question";
import { goesThroughCity } from "./rules";
import { answerSchema, askSchema, faqSchema, triageSchema } from "./schemas";

/** The question the actor may see, locked; 404 otherwise. Its form's version must be the current one. */
async function lockQuestion(tx: Tx, actor: Actor, questionId: number, expectedVersion: number): Promise<FoundQuestion> {
  const question = await findQuestion(tx, actor, questionId, { lock: true });
  if (!question) throw notFound();
  assertVersion(question, expectedVersion, "该问题", actor.userId);
  return question;
}

async function saveQuestion(tx: Tx, id: number, set: Partial<typeof trainingQuestions.$inferInsert>): Promise<number> {
  const [saved] = await tx
    .update(trainingQuestions)
    .set({ ...set, version: sql`${trainingQuestions.version} + 1` })
    .where(eq(trainingQuestions.id, id))
    .returning({ version: trainingQuestions.version });
  return saved.version;
}

/**
 * 提出问题: any unit taking part in the task, on its reporting unit's training submission (a county or school under
 * a city on its city's). The screenshot is recognised by its bytes: PNG or JPEG only.
 */
export const askCommand = defineCommand({
  name: "training.ask",
  permission: "training.ask",
  input: askSchema,
  async run({ tx, actor, now, target }, { submissionId, category, body, screenshot }) {
    const submission = await queryRow(
      tx,
      { unitId: col.int, campaignId: col.int, status: col.text },
      sql`select s.unit_id as "unitId", c.id as "campaignId", c.status from submissions s join campaigns c on c.id = s.campaign_id
          where s.id = ${submissionId} and c.kind = 'training' and c.status <> 'draft'`,
    );
    if (!submission || !(await isUnitInScope(tx, { role: "city_officer", unitId: submission.unitId }, actor.unitId))) throw notFound();
    if (submission.status === "closed") throw new DomainError("本培训任务已结束，不能再提出问题。如仍有疑问，请联系省级培训联系人。");
    const content = screenshot && Buffer.from(await screenshot.arrayBuffer());
    const mimeType = content && sniffScanType(content);
    if (content && mimeType !== "image/png" && mimeType !== "image/jpeg")
      throw new DomainError("", { fieldErrors: { screenshot: "截图：须为 PNG 或 JPG 图片，该文件的内容不是图片，请重新截图后上传" } });
    const [question] = await tx
      .insert(trainingQuestions)
      .values({ campaignId: submission.campaignId, unitId: actor.unitId, category, body, createdAt: now, createdBy: actor.userId })
      .returning({ id: trainingQuestions.id });
    if (content && screenshot && mimeType)
      await tx.insert(trainingQuestionScreenshots).values({ questionId: question.id, fileName: screenshot.name.slice(0, 200) || "截图", mimeType, size: content.length, content, uploadedAt: now });
    target("training_question", question.id, { category, screenshot: Boolean(content) });
    return { questionId: question.id };
  },
});

/** 转交省级: the city passes a question of a county or school under it on, with its note. */
export const triageCommand = defineCommand({
  name: "training.triage",
  permission: "training.triage",
  input: triageSchema,
  async run({ tx, actor, now, target }, { questionId, expectedVersion, note }) {
    const question = await lockQuestion(tx, actor, questionId, expectedVersion);
    if (question.reportingUnitId !== actor.unitId) throw notFound();
    if (!goesThroughCity(question)) throw new DomainError("本单位提出的问题由省级直接答复，无需转交。");
    if (question.state !== "open") throw new DomainError(question.state === "answered" ? "该问题省级已答复，无需再转交。" : "该问题已转交省级，无需重复转交。");
    const version = await saveQuestion(tx, question.id, { state: "triaged", triageNote: note, triagedAt: now, triagedBy: actor.userId });
    target("training_question", question.id);
    return { version };
  },
});

/** 答复: the province answers a question of its task; the asking unit's users hear of it by email. */
export const answerCommand = defineCommand({
  name: "training.answer",
  permission: "training.answer",
  input: answerSchema,
  async run({ tx, actor, now, target }, { questionId, expectedVersion, answer }) {
    const question = await lockQuestion(tx, actor, questionId, expectedVersion);
    if (question.state === "answered") throw new DomainError("该问题已答复。");
    const version = await saveQuestion(tx, question.id, { state: "answered", answer, answeredAt: now, answeredBy: actor.userId });
    const recipients = await queryRows(tx, RECIPIENT, sql`select * from ${userRecipients(sql`(${question.unitId})`)} r order by r.address`);
    await enqueueEmails(
      tx,
      recipients.map((to) => ({
        ...answeredEmail(to, { ...question, answer }),
        ...recipientFields(question.campaignId, to),
        kind: "training.question_answered",
        dedupeKey: `training-question-answered:${question.id}:${to.address}`,
        at: now,
      })),
    );
    target("training_question", question.id, { notified: recipients.length });
    return { version };
  },
});

/** 发布为常见问题 (an answered question, shown to every unit of the task) or 取消发布 (the question and its answer stay). */
function faqCommand(name: "training.publish_faq" | "training.unpublish_faq", publish: boolean) {
  return defineCommand({
    name,
    permission: "training.answer",
    input: faqSchema,
    async run({ tx, actor, now, target }, { questionId, expectedVersion }) {
      const question = await lockQuestion(tx, actor, questionId, expectedVersion);
      if (question.state !== "answered") throw new DomainError("请先答复该问题，再发布为常见问题。");
      if (publish === Boolean(question.faqAt)) throw new DomainError(publish ? "该问题已发布为常见问题。" : "该问题未发布为常见问题。");
      const version = await saveQuestion(tx, question.id, { faqAt: publish ? now : null });
      target("training_question", question.id);
      return { version };
    },
  });
}

export const publishFaqCommand = faqCommand("training.publish_faq", true);
export const unpublishFaqCommand = faqCommand("training.unpublish_faq", false);
