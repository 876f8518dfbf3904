import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { SUPPRESSED_MESSAGE } from "@/lib/mail/dispatch";
import { enqueueEmails } from "@/lib/mail/outbox";
import { getRecipientsByUnit, recipientFields } from "@/lib/mail/recipients";
import { bounceNoticeEmail, CAMPAIGN_FOR_EMAIL } from "./emails";

/** The part of Resend's webhook payload we use; everything else is ignored. */
const eventSchema = z.object({
  type: z.string(),
  data: z
    .object({
      email_id: z.string().optional(),
      to: z.union([z.array(z.string()), z.string()]).optional(),
      bounce: z.object({ message: z.string().optional() }).optional(),
    })
    .optional(),
});

/**
 * Applies a verified Resend event. A bounce marks the address undeliverable (email_suppressions),
 * stops everything still queued for it, and tells each reporting unit whose table holds that address
 * to correct the row. Other events are acknowledged and ignored. Returns whether it was a bounce.
 */
export async function applyResendEvent(db: Db, payload: unknown, now: Date): Promise<boolean> {
  const event = eventSchema.safeParse(payload);
  if (!event.success || event.data.type !== "email.bounced") return false;
  const { email_id: providerId, to, bounce } = event.data.data ?? {};
  const reason = (bounce?.message ?? "退信").slice(0, 500);
  await db.transaction(async (tx) => {
    const bounced = providerId
      ? await queryRows(
          tx,
          { address: col.text },
          sql`
          update email_outbox set bounced_at = coalesce(bounced_at, ${now.toISOString()}::timestamptz)
          where provider_id = ${providerId} returning to_address as address`,
        )
      : [];
    const addresses = new Set([...(typeof to === "string" ? [to] : (to ?? [])), ...bounced.map((row) => row.address)].map((a) => a.trim().toLowerCase()));
    for (const address of addresses) await suppress(tx, address, reason, now);
  });
  return true;
}

async function suppress(tx: Tx, address: string, reason: string, now: Date): Promise<void> {
  await tx.execute(sql`
    insert into email_suppressions (address, reason, created_at) values (${address}, ${reason}, ${now.toISOString()}::timestamptz)
    on conflict (address) do nothing`);
  await tx.execute(sql`
    update email_outbox set status = 'failed', last_error = ${SUPPRESSED_MESSAGE}, claimed_until = null
    where to_address = ${address} and status = 'pending'`);

  const rows = await queryRows(
    tx,
    { ...CAMPAIGN_FOR_EMAIL, entryId: col.int, rowUnitName: col.text, submissionId: col.int, reportingUnitId: col.int, unitName: col.text },
    sql`
    select c.id, c.kind, c.title, c.doc_number as "docNumber", c.deadline, c.contacts,
           e.id as "entryId", ru.name as "rowUnitName", s.id as "submissionId", s.unit_id as "reportingUnitId", un.name as "unitName"
    from roster_entries e
    join submissions s on s.id = e.submission_id
    join campaigns c on c.id = e.campaign_id and c.status <> 'draft'
    join units ru on ru.id = e.unit_id
    join units un on un.id = s.unit_id
    where e.email = ${address}
    order by e.id`,
  );
  for (const { entryId, rowUnitName, submissionId, reportingUnitId, unitName, ...campaign } of rows) {
    const recipients = await getRecipientsByUnit({ db: tx, campaignId: campaign.id, unitId: reportingUnitId });
    await enqueueEmails(
      tx,
      recipients.map((r) => ({
        ...bounceNoticeEmail({ campaign, recipientName: r.name, unitName, submissionId }, rowUnitName),
        ...recipientFields(campaign.id, r),
        kind: "bounce_notice",
        dedupeKey: `bounce:${entryId}:${address}:${r.address}`,
        at: now,
      })),
    );
  }
}
