import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import type { Campaign } from "@/db/schema";
import { env } from "@/lib/env";
import { enqueueEmails } from "@/lib/mail/outbox";
import { renderEmail } from "@/lib/mail/render";
import { RECIPIENT, recipientFields, unitRecipients } from "@/lib/mail/recipients";
import { formatDateTime } from "@/lib/time";
import { contactLine } from "./schemas";

/** Who hears about a campaign: the recipients (lib/mail/recipients.ts) of every assigned unit, with its name, in registry order. */
export function getAssignedRecipients(tx: Tx, campaignId: number) {
  return queryRows(
    tx,
    { ...RECIPIENT, unitName: col.text },
    sql`
    select r.*, u.name as "unitName"
    from ${unitRecipients(campaignId, sql`(select unit_id from campaign_assignments where campaign_id = ${campaignId})`)} r
    join units u on u.id = r."unitId"
    order by u.sort_order, r."userId"`,
  );
}

/**
 * Queues the notice email to the active users of every assigned unit (the same recipients the
 * reminders use), once per user and campaign, inside the publishing transaction. Returns how many were queued.
 */
export async function notifyPublished(tx: Tx, campaign: Campaign, now: Date): Promise<number> {
  const rows = await getAssignedRecipients(tx, campaign.id);
  if (rows.length === 0) return 0;
  // Read only when there is someone to write to: the seed publishes before any user exists, without an environment.
  const url = new URL(`/campaigns/${campaign.id}`, env().APP_URL).toString();
  const emails = rows.map((recipient) => {
    const email = renderEmail({
      subject: `【新任务】${campaign.title}`,
      greeting: `${recipient.name}同志：`,
      paragraphs: [
        `${campaign.issuer}印发了《${campaign.title}》（${campaign.docNumber}），${recipient.unitName}为报送单位。`,
        `截止时间为 ${formatDateTime(campaign.deadline)}（北京时间）。请登录平台阅读通知全文，按要求填写、提交。`,
      ],
      action: { label: "查看任务", url },
      footer: campaign.contacts.map(contactLine),
    });
    const key = recipient.userId ?? recipient.address;
    return { ...email, ...recipientFields(campaign.id, recipient), kind: "campaign_published", dedupeKey: `campaign_published:${campaign.id}:${key}`, at: now };
  });
  return (await enqueueEmails(tx, emails)).length;
}
