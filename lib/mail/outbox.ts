import type { DbOrTx } from "@/db";
import { emailOutbox } from "@/db/schema";
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

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;

/**
 * Puts an email in the outbox, inside the caller's transaction: it is sent by the worker only if
 * the change that caused it commits. Returns the row id, or null when the dedupe key already exists.
 */
export async function enqueueEmail(db: DbOrTx, email: QueuedEmail): Promise<number | null> {
  const [id] = await enqueueEmails(db, [email]);
  return id ?? null;
}

/** Many emails at once (a reminder slot for every unit); returns the ids of the rows that were new. */
export async function enqueueEmails(db: DbOrTx, emails: QueuedEmail[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < emails.length; start += CHUNK) {
    const rows = await db
      .insert(emailOutbox)
      .values(
        emails.slice(start, start + CHUNK).map((email) => ({
          toAddress: email.to.toLowerCase(),
          subject: email.subject,
          text: email.text,
          html: email.html,
          linkSecret: email.secretLink ? sealLink(email.secretLink, email.to) : null,
          kind: email.kind,
          dedupeKey: email.dedupeKey,
          userId: email.userId,
          campaignId: email.campaignId,
          unitId: email.unitId,
          createdAt: email.at,
          nextAttemptAt: email.at,
        })),
      )
      .onConflictDoNothing({ target: emailOutbox.dedupeKey })
      .returning({ id: emailOutbox.id });
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}
