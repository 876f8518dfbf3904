// Questions as the commands, the page and the screenshot download find them: within the actor's scope or not at all.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { questionCategory, questionState } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { hasProvinceScope } from "@/lib/core/roles";
import { isCampaignInScope, unitsInScope } from "@/lib/authz/scope";
import { holdingSubmissions } from "@/lib/units/tree";

type Scoped = Pick<Actor, "role" | "unitId">;

const QUESTION = {
  id: col.int,
  campaignId: col.int,
  campaignTitle: col.text,
  unitId: col.int,
  unitName: col.text,
  /** The unit whose training submission the question was asked under: the asking unit itself, or its city. */
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
  updatedAt: col.instant,
  updatedBy: col.intOrNull,
  updatedByName: col.textOrNull,
};

/**
 * SQL true when the actor may see the question `q` (joined with its campaign `c`): a unit its own and its subtree's
 * (a city every county's and school's under it), the province every question of its tasks.
 */
function questionInScope(actor: Scoped): SQL {
  if (hasProvinceScope(actor.role)) return isCampaignInScope(actor, sql`c.owner_unit_id`);
  return actor.role === "ministry_viewer" ? sql`false` : sql`q.unit_id in ${unitsInScope(actor)}`;
}

/** The questions matching `where` (on `q`) that the actor may see, newest first; locked for a write when `lock`. */
export function queryQuestions(db: DbOrTx, actor: Scoped, where: SQL, { lock = false } = {}) {
  return queryRows(
    db,
    QUESTION,
    sql`select q.id, q.campaign_id as "campaignId", c.title as "campaignTitle", q.unit_id as "unitId", u.name as "unitName",
          h.reporting_unit_id as "reportingUnitId", ru.kind as "reportingUnitKind",
          q.category, q.body, q.state, q.triage_note as "triageNote", q.triaged_at as "triagedAt", q.answer, q.answered_at as "answeredAt",
          q.faq_at as "faqAt", exists (select 1 from training_question_screenshots s where s.question_id = q.id) as "hasScreenshot",
          q.version, q.created_at as "createdAt", w.at as "updatedAt", w.by as "updatedBy", wu.name as "updatedByName"
        from training_questions q
        join campaigns c on c.id = q.campaign_id and c.kind = 'training'
        join units u on u.id = q.unit_id
        join ${holdingSubmissions(sql`(select q.unit_id from training_questions q where ${where})`)} h
          on h.unit_id = q.unit_id and h.campaign_id = q.campaign_id
        join units ru on ru.id = h.reporting_unit_id
        -- The last change, for a stale form: who asked, passed on or answered it last (who published it is not kept).
        cross join lateral (
          select at, by from (values (q.created_at, q.created_by, 0), (q.triaged_at, q.triaged_by, 1), (q.answered_at, q.answered_by, 2), (q.faq_at, null::int, 3)) v(at, by, step)
          where at is not null order by at desc, step desc limit 1
        ) w
        left join users wu on wu.id = w.by
        where ${where} and ${questionInScope(actor)}
        order by q.created_at desc, q.id desc
        ${lock ? sql`for update of q` : sql``}`,
  );
}

/** One question if the actor may see it. */
export async function findQuestion(db: DbOrTx, actor: Scoped, questionId: number, options: { lock?: boolean } = {}) {
  const [question] = await queryQuestions(db, actor, sql`q.id = ${questionId}`, options);
  return question;
}

export type FoundQuestion = Awaited<ReturnType<typeof queryQuestions>>[number];
