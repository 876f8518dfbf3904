// A question open or passed on by its city and still unanswered 3 working days after it was asked reminds the
// province's training managers (its active province_admin users), once.
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { col, intArray, queryRows } from "@/db/rows";
import { questionCategory } from "@/db/schema";
import { enqueueEmails } from "@/lib/mail/outbox";
import { unansweredEmail } from "./emails";
import { addWorkingDays, REMINDER_WORKING_DAYS } from "./rules";

/** Queues the reminders that are due at `now`; returns how many questions were reminded of. */
export async function queueQuestionReminders({ db, now }: { db: Db; now: Date }): Promise<number> {
  return db.transaction(async (tx) => {
    // Working days are never fewer than calendar days: anything asked within the last 3 days cannot be due.
    const candidates = await queryRows(
      tx,
      { id: col.int, createdAt: col.instant },
      sql`select q.id, q.created_at as "createdAt" from training_questions q join campaigns c on c.id = q.campaign_id
          where q.state <> 'answered' and q.reminded_at is null and c.status = 'published'
            and q.created_at <= ${new Date(now.getTime() - REMINDER_WORKING_DAYS * 24 * 3600_000).toISOString()}::timestamptz`,
    );
    const due = candidates.filter((q) => addWorkingDays(q.createdAt, REMINDER_WORKING_DAYS) <= now).map((q) => q.id);
    if (due.length === 0) return 0;
    // Marked first, under the row lock: a second worker finds them reminded already.
    const reminded = await queryRows(
      tx,
      { id: col.int, campaignId: col.int, campaignTitle: col.text, ownerUnitId: col.int, unitName: col.text, category: col.oneOf(questionCategory.enumValues), askedAt: col.instant },
      sql`update training_questions q set reminded_at = ${now.toISOString()}::timestamptz
          from campaigns c, units u
          where q.id = any(${intArray(due)}) and q.reminded_at is null and c.id = q.campaign_id and u.id = q.unit_id
          returning q.id, q.campaign_id as "campaignId", c.title as "campaignTitle", c.owner_unit_id as "ownerUnitId", u.name as "unitName", q.category, q.created_at as "askedAt"`,
    );
    const managers = await queryRows(
      tx,
      { unitId: col.int, userId: col.int, address: col.text, name: col.text },
      sql`select u.unit_id as "unitId", u.id as "userId", u.email as address, u.name from users u
          where u.role = 'province_admin' and u.status = 'active' and u.unit_id = any(${intArray([...new Set(reminded.map((q) => q.ownerUnitId))])})
            and not exists (select 1 from email_suppressions s where s.address = u.email)`,
    );
    await enqueueEmails(
      tx,
      reminded.flatMap((q) =>
        managers
          .filter((m) => m.unitId === q.ownerUnitId)
          .map((to) => ({
            ...unansweredEmail(to, q),
            to: to.address,
            userId: to.userId,
            unitId: to.unitId,
            campaignId: q.campaignId,
            kind: "training.question_unanswered",
            dedupeKey: `training-question-unanswered:${q.id}:${to.address}`,
            at: now,
          })),
      ),
    );
    return reminded.length;
  });
}
