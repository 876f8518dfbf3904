import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { enqueueEmails, type QueuedEmail } from "@/lib/mail/outbox";
import { type Addressed, type CampaignForEmail, digestEmail, slotEmail, toCampaignForEmail } from "./emails";
import type { RenderedEmail } from "@/lib/mail/render";
import { recipientFields, toRecipient, unitRecipients } from "@/lib/mail/recipients";
import { subtree } from "@/lib/tree";
import { type DueSlot, dueDigestDay, dueSlot } from "./schedule";

type OpenCampaign = CampaignForEmail & { publishedAt: Date | null; reminderOffsets: number[] };

/**
 * The scheduling tick, run every minute by every worker. Queues what is due now for every published
 * campaign; each email has a dedupe key, so running it twice, or in two workers at once, queues it once.
 * Closed (and draft) campaigns send nothing. Returns how many emails it queued of each sort.
 */
export async function runReminderTick({ db, now }: { db: Db; now: Date }): Promise<{ slots: number; digests: number }> {
  const rows = await db.execute(sql`
    select id as campaign_id, title, doc_number, deadline, published_at, reminder_offsets, contacts
    from campaigns where status = 'published' order by id`);
  const queued = { slots: 0, digests: 0 };
  for (const row of rows) {
    const campaign: OpenCampaign = {
      ...toCampaignForEmail(row),
      publishedAt: row.published_at ? new Date(row.published_at as string) : null,
      reminderOffsets: row.reminder_offsets as number[],
    };
    const slot = dueSlot({ offsets: campaign.reminderOffsets, deadline: campaign.deadline, publishedAt: campaign.publishedAt, now });
    if (slot) queued.slots += await queueSlot(db, campaign, slot, now);
    const day = dueDigestDay({ deadline: campaign.deadline, now });
    if (day) queued.digests += await queueDigests(db, campaign, day, now);
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

/** One email per (campaign, unit, slot) and recipient; a new deadline makes new slots. */
async function queueSlot(db: Db, campaign: OpenCampaign, slot: DueSlot, now: Date): Promise<number> {
  const slotKey = `reminder:${campaign.id}:${slot.offset}@${Math.floor(campaign.deadline.getTime() / 1000)}`;
  const rows = await db.execute(sql`
    select * from (
      select r.*, un.name as unit_name, s.id as submission_id,
             concat(${slotKey}::text, ':', r.unit_id, ':', r.address) as dedupe_key
      from ${unitRecipients(campaign.id, unsubmittedUnits(campaign.id))} r
      join units un on un.id = r.unit_id
      left join submissions s on s.campaign_id = ${campaign.id} and s.unit_id = r.unit_id
    ) q
    where not exists (select 1 from email_outbox o where o.dedupe_key = q.dedupe_key)
    order by q.unit_id, q.address`);
  return queue(db, campaign, rows, slot.kind, now, (to) => slotEmail(to, slot, now));
}

/** Once per Beijing day in the last three days: each unsubmitted reporting unit's units whose rows are still empty. */
async function queueDigests(db: Db, campaign: OpenCampaign, day: string, now: Date): Promise<number> {
  const dayKey = `digest:${campaign.id}:${day}`;
  const rows = await db.execute(sql`
    with empty as (
      select t.root_id, array_agg(u.name order by t.depth, u.sort_order, u.id) as names
      from ${subtree({ roots: unsubmittedUnits(campaign.id), activeOnly: true })} t join units u on u.id = t.id
      where t.depth > 0 and not exists (select 1 from roster_entries e where e.campaign_id = ${campaign.id} and e.unit_id = t.id)
      group by t.root_id
    )
    select * from (
      select r.*, un.name as unit_name, s.id as submission_id, empty.names,
             concat(${dayKey}::text, ':', r.unit_id, ':', r.address) as dedupe_key
      from empty
      join ${unitRecipients(campaign.id, sql`(select root_id from empty)`)} r on r.unit_id = empty.root_id
      join units un on un.id = r.unit_id
      left join submissions s on s.campaign_id = ${campaign.id} and s.unit_id = r.unit_id
    ) q
    where not exists (select 1 from email_outbox o where o.dedupe_key = q.dedupe_key)
    order by q.unit_id, q.address`);
  return queue(db, campaign, rows, "digest", now, (to, row) => digestEmail(to, row.names as string[], now));
}

type Row = Record<string, unknown>;

/** Renders one email per row (a recipient with unit_name, submission_id, dedupe_key) and queues them all. */
async function queue(db: Db, campaign: OpenCampaign, rows: Row[], kind: string, now: Date, render: (to: Addressed, row: Row) => RenderedEmail): Promise<number> {
  const emails = rows.map((row): QueuedEmail => {
    const recipient = toRecipient(row);
    const to = { campaign, recipientName: recipient.name, unitName: String(row.unit_name), submissionId: row.submission_id == null ? null : Number(row.submission_id) };
    return { ...render(to, row), ...recipientFields(campaign.id, recipient), kind, dedupeKey: String(row.dedupe_key), at: now };
  });
  return (await enqueueEmails(db, emails)).length;
}
