import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { col, queryRows } from "@/db/rows";
import { CAMPAIGN_FOR_EMAIL, digestEmail, slotEmail } from "./emails";
import { RECIPIENT, unitRecipients } from "@/lib/mail/recipients";
import { subtree } from "@/lib/units/tree";
import { queueDelegationReminders } from "./delegates";
import { type OpenCampaign, queue } from "./queue";
import { type DueSlot, dueDigestDay, dueSlot } from "./schedule";

/**
 * The scheduling tick, run every minute by every worker. Queues what is due now for every published
 * campaign; each email has a dedupe key, so running it twice, or in two workers at once, queues it once.
 * Closed (and draft) campaigns send nothing. The same for each delegate of a city's table (分派填报), relative to its
 * internal deadline. Returns how many emails it queued of each sort.
 */
export async function runReminderTick({ db, now }: { db: Db; now: Date }): Promise<Record<"slots" | "digests" | "delegateSlots" | "delegateDigests", number>> {
  const campaigns: OpenCampaign[] = await queryRows(
    db,
    { ...CAMPAIGN_FOR_EMAIL, publishedAt: col.instantOrNull, reminderOffsets: col.json<number[]>() },
    sql`
    select id, kind, title, doc_number as "docNumber", deadline, contacts, published_at as "publishedAt", reminder_offsets as "reminderOffsets"
    from campaigns where status = 'published' order by id`,
  );
  const queued = { slots: 0, digests: 0, delegateSlots: 0, delegateDigests: 0 };
  for (const campaign of campaigns) {
    const slot = dueSlot({ offsets: campaign.reminderOffsets, deadline: campaign.deadline, publishedAt: campaign.publishedAt, now });
    if (slot) queued.slots += await queueSlot(db, campaign, slot, now);
    // The digest names units whose rows are empty, and delegates fill rows: both are the roster table's.
    if (campaign.kind !== "roster") continue;
    const day = dueDigestDay({ deadline: campaign.deadline, now });
    if (day) queued.digests += await queueDigests(db, campaign, day, now);
    const delegates = await queueDelegationReminders(db, campaign, now);
    queued.delegateSlots += delegates.delegateSlots;
    queued.delegateDigests += delegates.delegateDigests;
  }
  return queued;
}

/** Reporting units of the campaign that still have to submit (never submitted, or returned to them). */
function unsubmittedUnits(campaignId: number) {
  return sql`(
    select a.unit_id from campaign_assignments a
    join units u on u.id = a.unit_id and u.active
    left join submissions s on s.assignment_id = a.id
    where a.campaign_id = ${campaignId} and (s.id is null or s.status in ('draft', 'returned')))`;
}

/** What every queued email's row holds: a recipient, its unit's name, the unit's submission and the email's dedupe key. */
const QUEUED = { ...RECIPIENT, unitName: col.text, submissionId: col.intOrNull, dedupeKey: col.text };

/** One email per (campaign, unit, slot) and recipient; a new deadline makes new slots. */
async function queueSlot(db: Db, campaign: OpenCampaign, slot: DueSlot, now: Date): Promise<number> {
  const slotKey = `reminder:${campaign.id}:${slot.offset}@${Math.floor(campaign.deadline.getTime() / 1000)}`;
  const rows = await queryRows(
    db,
    QUEUED,
    sql`
    select * from (
      select r.*, un.name as "unitName", s.id as "submissionId",
             concat(${slotKey}::text, ':', r."unitId", ':', r.address) as "dedupeKey"
      from ${unitRecipients(campaign.id, unsubmittedUnits(campaign.id))} r
      join units un on un.id = r."unitId"
      left join submissions s on s.campaign_id = ${campaign.id} and s.unit_id = r."unitId"
    ) q
    where not exists (select 1 from email_outbox o where o.dedupe_key = q."dedupeKey")
    order by q."unitId", q.address`,
  );
  return queue(db, campaign, rows, slot.kind, now, (to) => slotEmail(to, slot, now));
}

/** Once per Beijing day in the last three days: each unsubmitted reporting unit's units whose rows are still empty. */
async function queueDigests(db: Db, campaign: OpenCampaign, day: string, now: Date): Promise<number> {
  const dayKey = `digest:${campaign.id}:${day}`;
  const rows = await queryRows(
    db,
    { ...QUEUED, names: col.texts },
    sql`
    with empty as (
      select t.root_id, array_agg(u.name order by t.depth, u.sort_order, u.id) as names
      from ${subtree({ roots: unsubmittedUnits(campaign.id), activeOnly: true })} t join units u on u.id = t.id
      where t.depth > 0 and not exists (select 1 from roster_entries e where e.campaign_id = ${campaign.id} and e.unit_id = t.id)
      group by t.root_id
    )
    select * from (
      select r.*, un.name as "unitName", s.id as "submissionId", empty.names,
             concat(${dayKey}::text, ':', r."unitId", ':', r.address) as "dedupeKey"
      from empty
      join ${unitRecipients(campaign.id, sql`(select root_id from empty)`)} r on r."unitId" = empty.root_id
      join units un on un.id = r."unitId"
      left join submissions s on s.campaign_id = ${campaign.id} and s.unit_id = r."unitId"
    ) q
    where not exists (select 1 from email_outbox o where o.dedupe_key = q."dedupeKey")
    order by q."unitId", q.address`,
  );
  return queue(db, campaign, rows, "digest", now, (to, row) => digestEmail(to, row.names, now));
}
