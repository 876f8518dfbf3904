import type { DbOrTx } from "@/db";
import { sql } from "drizzle-orm";
import { col, jsonParam, queryRows } from "@/db/rows";
import { sealLink } from "./link-secret";
import type { RenderedEmail } from "./render";

export type QueuedEmail = RenderedEmail & {
  to: string;
  kind: string;
  /** Same key twice → queued once (reminder slots, digests). */
  dedupeKey?: string;
  userId?: number;
  campaignId?: number;
  unitId?: number;
  at: Date;
};

/**
 * Puts an email in the outbox, inside the caller's transaction: it is sent by the worker only if
 * the change that caused it commits. Returns the row id, or null when the dedupe key already exists.
 */
export async function enqueueEmail(db: DbOrTx, email: QueuedEmail): Promise<number | null> {
  const [id] = await enqueueEmails(db, [email]);
  return id ?? null;
}

/** Many emails at once (a reminder slot for every unit, an approval's activations): one statement; returns the ids of the rows that were new, in order. */
export async function enqueueEmails(db: DbOrTx, emails: QueuedEmail[]): Promise<number[]> {
  if (emails.length === 0) return [];
  const rows = emails.map((email) => ({
    to_address: email.to.toLowerCase(),
    subject: email.subject,
    text: email.text,
    html: email.html,
    link_secret: email.secretLink ? sealLink(email.secretLink, email.to) : null,
    kind: email.kind,
    dedupe_key: email.dedupeKey ?? null,
    user_id: email.userId ?? null,
    campaign_id: email.campaignId ?? null,
    unit_id: email.unitId ?? null,
    at: email.at,
  }));
  const inserted = await queryRows(
    db,
    { id: col.int },
    sql`
    insert into email_outbox (to_address, subject, text, html, link_secret, kind, dedupe_key, user_id, campaign_id, unit_id, created_at, next_attempt_at)
    select to_address, subject, text, html, link_secret, kind, dedupe_key, user_id, campaign_id, unit_id, at, at
    from jsonb_to_recordset(${jsonParam(rows)}) as v(to_address text, subject text, text text, html text, link_secret text, kind text,
                                                     dedupe_key text, user_id int, campaign_id int, unit_id int, at timestamptz)
    on conflict (dedupe_key) do nothing
    returning id`,
  );
  return inserted.map((row) => row.id);
}
