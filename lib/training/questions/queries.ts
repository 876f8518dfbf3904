import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { questionCategory } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { isCampaignInScope } from "@/lib/authz/scope";
import { holdingSubmissions } from "@/lib/units/tree";
import { queryQuestions } from "./question";
import { goesThroughCity } from "./rules";

const FAQ_ROW = { id: col.int, category: col.oneOf(questionCategory.enumValues), body: col.text, answer: col.text, faqAt: col.instant };

/**
 * The 问题收集反馈 page of a training task, for a unit taking part in it (with the submission it asks on) or the
 * province that runs it: the 常见问题 every such reader sees, then the questions the actor may see, each with what
 * the actor may do with it. Null when the task is not the actor's to read.
 */
export async function getQuestionsPage({ db, actor, campaignId }: { db: DbOrTx; actor: Actor; campaignId: number }) {
  if (!may(actor.role, "training.read")) return null;
  const campaign = await queryRow(
    db,
    { id: col.int, title: col.text, status: col.text, overseen: col.bool, submissionId: col.intOrNull },
    sql`select c.id, c.title, c.status, ${isCampaignInScope(actor, sql`c.owner_unit_id`)} as overseen,
          (select h.submission_id from ${holdingSubmissions(actor.unitId)} h where h.campaign_id = c.id) as "submissionId"
        from campaigns c where c.id = ${campaignId} and c.kind = 'training' and c.status <> 'draft'`,
  );
  if (!campaign || (!campaign.overseen && campaign.submissionId === null)) return null;

  const faq = await queryRows(
    db,
    FAQ_ROW,
    sql`select q.id, q.category, q.body, q.answer, q.faq_at as "faqAt" from training_questions q
        where q.campaign_id = ${campaignId} and q.faq_at is not null order by q.faq_at desc, q.id desc`,
  );
  const rows = await queryQuestions(db, actor, sql`q.campaign_id = ${campaignId}`);
  const answers = may(actor.role, "training.answer");
  const questions = rows.map((q) => ({
    ...q,
    mayTriage: may(actor.role, "training.triage") && q.state === "open" && q.reportingUnitId === actor.unitId && goesThroughCity(q),
    mayAnswer: answers && q.state !== "answered",
    mayPublish: answers && q.state === "answered",
  }));
  const asksOn = may(actor.role, "training.ask") && campaign.status === "published" ? campaign.submissionId : null;
  return { campaign: { id: campaign.id, title: campaign.title, closed: campaign.status === "closed" }, faq, questions, asksOn };
}

export type QuestionsPage = NonNullable<Awaited<ReturnType<typeof getQuestionsPage>>>;
export type QuestionView = QuestionsPage["questions"][number];
export type FaqEntry = QuestionsPage["faq"][number];
