import type { Db } from "@/db";
import { enqueueEmails, type QueuedEmail } from "@/lib/mail/outbox";
import type { RenderedEmail } from "@/lib/mail/render";
import { type Recipient, recipientFields } from "@/lib/mail/recipients";
import type { Addressed, CampaignForEmail } from "./emails";

/** A published campaign, as the tick reads it. */
export type OpenCampaign = CampaignForEmail & { publishedAt: Date | null; reminderOffsets: number[] };

/** What every email the tick queues is built from: a recipient, its unit's name, the table it is about and its dedupe key. */
export type QueuedRow = Recipient & { unitName: string; submissionId: number | null; dedupeKey: string };

/** Renders one email per row and queues them all; answers how many were new. */
export async function queue<R extends QueuedRow>(
  db: Db,
  campaign: CampaignForEmail,
  rows: R[],
  kind: string,
  now: Date,
  render: (to: Addressed, row: R) => RenderedEmail,
): Promise<number> {
  const emails = rows.map((row): QueuedEmail => {
    const to = { campaign, recipientName: row.name, unitName: row.unitName, submissionId: row.submissionId };
    return { ...render(to, row), ...recipientFields(campaign.id, row), kind, dedupeKey: row.dedupeKey, at: now };
  });
  return (await enqueueEmails(db, emails)).length;
}
