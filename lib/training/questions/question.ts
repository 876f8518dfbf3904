// One question as the commands and the screenshot download find it: within the actor's scope or not at all.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { questionCategory, questionState } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { hasProvinceScope } from "@/lib/core/roles";
import { isCampaignInScope, unitsInScope } from "@/lib/authz/scope";
import { holdingSubmissions } from "@/lib/units/tree";

const QUESTION = {
  id: col.int,
  campaignId: col.int,
  campaignTitle: col.text,
  unitId: col.int,
  unitName: col.text,
  reportingUnitId: col.int,
  reportingUnitKind: col.text,
  category: col.oneOf(questionCategory.enumValues),
  body: col.text,
  state: col.oneOf(questionState.enumValues),
  answer: col.textOrNull,
  faqAt: col.instantOrNull,
  version: col.int,
  updatedAt: col.instant,
  updatedBy: col.intOrNull,
  updatedByName: col.textOrNull,
};

/**
 * SQL true when the actor may see the question `q` (joined with its campaign `c`): a unit its own and its subtree's
 * (a city every county's and school's under it), the province every question of its tasks.
 */
export function questionInScope(actor: Pick<Actor, "role" | "unitId">): SQL {
  if (hasProvinceScope(actor.role)) return isCampaignInScope(actor, sql`c.owner_unit_id`);
  return actor.role === "ministry_viewer" ? sql`false` : sql`q.unit_id in ${unitsInScope(actor)}`;
}

/** The question if the actor may see it, locked for the write when `lock`; null otherwise. */
export async function findQuestion(db: DbOrTx, actor: Pick<Actor, "role" | "unitId">, questionId: number, { lock = false } = {}) {
  return queryRow(
    db,
    QUESTION,
    sql`select q.id, q.campaign_id as "campaignId", c.title as "campaignTitle", q.unit_id as "unitId", u.name as "unitName",
          h.reporting_unit_id as "reportingUnitId", ru.kind as "reportingUnitKind",
          q.category, q.body, q.state, q.answer, q.faq_at as "faqAt", q.version,
          w.at as "updatedAt", w.by as "updatedBy", wu.name as "updatedByName"
        from training_questions q
        join campaigns c on c.id = q.campaign_id and c.kind = 'training'
        join units u on u.id = q.unit_id
        join ${holdingSubmissions(sql`(select unit_id from training_questions where id = ${questionId})`)} h
          on h.unit_id = q.unit_id and h.campaign_id = q.campaign_id
        join units ru on ru.id = h.reporting_unit_id
        -- The last change of the question, for a stale form: who triaged or answered it last (published: not kept).
        cross join lateral (
          select at, by from (values (q.created_at, q.created_by, 0), (q.triaged_at, q.triaged_by, 1), (q.answered_at, q.answered_by, 2), (q.faq_at, null::int, 3)) v(at, by, step)
          where at is not null order by at desc, step desc limit 1
        ) w
        left join users wu on wu.id = w.by
        where q.id = ${questionId} and ${questionInScope(actor)}
        ${lock ? sql`for update of q` : sql``}`,
  );
}

export type FoundQuestion = NonNullable<Awaited<ReturnType<typeof findQuestion>>>;
