import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { questionCategory, questionState } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { isCampaignInScope } from "@/lib/authz/scope";
import { holdingSubmissions } from "@/lib/units/tree";
import { questionInScope } from "./question";
import { goesThroughCity } from "./rules";

const QUESTION_ROW = {
  id: col.int,
  unitId: col.int,
  unitName: col.text,
  reportingUnitId: col.int,
  reportingUnitKind: col.text,
  category: col.oneOf(questionCategory.enumValues),
  body: col.text,
  state: col.oneOf(questionState.enumValues),
  triageNote: col.textOrNull,
  triagedAt: col.instantOrNull,
  answer: col.textOrNull,
  answeredAt: col.instantOrNull,
  faqAt: col.instantOrNull,
  hasScreenshot: col.bool,
  version: col.int,
  createdAt: col.instant,
};

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
  const rows = await queryRows(
    db,
    QUESTION_ROW,
    sql`select q.id, q.unit_id as "unitId", u.name as "unitName", h.reporting_unit_id as "reportingUnitId", ru.kind as "reportingUnitKind",
          q.category, q.body, q.state, q.triage_note as "triageNote", q.triaged_at as "triagedAt", q.answer, q.answered_at as "answeredAt",
          q.faq_at as "faqAt", exists (select 1 from training_question_screenshots s where s.question_id = q.id) as "hasScreenshot",
          q.version, q.created_at as "createdAt"
        from training_questions q
        join campaigns c on c.id = q.campaign_id
        join units u on u.id = q.unit_id
        join ${holdingSubmissions(sql`(select unit_id from training_questions where campaign_id = ${campaignId})`)} h
          on h.unit_id = q.unit_id and h.campaign_id = q.campaign_id
        join units ru on ru.id = h.reporting_unit_id
        where q.campaign_id = ${campaignId} and ${questionInScope(actor)}
        order by q.created_at desc, q.id desc`,
  );
  const answers = may(actor.role, "training.answer");
  const questions = rows.map((q) => ({
    ...q,
    mayTriage:
      may(actor.role, "training.triage") && q.state === "open" && q.reportingUnitId === actor.unitId && goesThroughCity(q, { id: q.reportingUnitId, kind: q.reportingUnitKind }),
    mayAnswer: answers && q.state !== "answered",
    mayPublish: answers && q.state === "answered",
  }));
  const asksOn = may(actor.role, "training.ask") && campaign.status === "published" ? campaign.submissionId : null;
  return { campaign: { id: campaign.id, title: campaign.title, closed: campaign.status === "closed" }, faq, questions, asksOn };
}

export type QuestionsPage = NonNullable<Awaited<ReturnType<typeof getQuestionsPage>>>;
export type QuestionView = QuestionsPage["questions"][number];
export type FaqEntry = QuestionsPage["faq"][number];
