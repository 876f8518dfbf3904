import "server-only";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { env } from "@/lib/env";
import { may } from "@/lib/core/policy";

export type MailStatus = OutboxEmail["status"];

/**
 * Who reads 「邮件」: province administrators everything (delivery status included); in development
 * everyone else their own mail, so the demo's reminders and links can be followed offline.
 */
export function mailAccessFor(actor: Pick<Actor, "role">): "all" | "own" | null {
  if (may(actor.role, "mail.manage")) return "all";
  return env().NODE_ENV === "development" ? "own" : null;
}

export const MAILBOX_PAGE_SIZE = 50;

export type MailboxPage = {
  access: "all" | "own";
  emails: Pick<OutboxEmail, "id" | "toAddress" | "subject" | "kind" | "status" | "attempts" | "lastError" | "providerId" | "createdAt" | "sentAt" | "bouncedAt">[];
  counts: Record<MailStatus, number>;
  total: number;
};

/** One page of the mailbox, newest first, optionally of one status; null when the actor may not read it. */
export async function getMailboxByActor({ db, actor, status, page }: { db: DbOrTx; actor: Actor; status: MailStatus | null; page: number }): Promise<MailboxPage | null> {
  const access = mailAccessFor(actor);
  if (!access) return null;
  const own = access === "own" ? eq(emailOutbox.toAddress, actor.email) : undefined;
  const where: SQL | undefined = and(own, status ? eq(emailOutbox.status, status) : undefined);
  const emails = await db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      kind: emailOutbox.kind,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      providerId: emailOutbox.providerId,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      bouncedAt: emailOutbox.bouncedAt,
    })
    .from(emailOutbox)
    .where(where)
    .orderBy(desc(emailOutbox.id))
    .limit(MAILBOX_PAGE_SIZE)
    .offset((page - 1) * MAILBOX_PAGE_SIZE);
  const byStatus = await db.select({ status: emailOutbox.status, n: count() }).from(emailOutbox).where(own).groupBy(emailOutbox.status);
  const counts: Record<MailStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const row of byStatus) counts[row.status] = row.n;
  return { access, emails, counts, total: status ? counts[status] : counts.pending + counts.sent + counts.failed };
}

/** One email with its bodies, if the actor may read it. */
export async function getEmailByIdForActor({ db, actor, emailId }: { db: DbOrTx; actor: Actor; emailId: number }): Promise<OutboxEmail | null> {
  const access = mailAccessFor(actor);
  if (!access) return null;
  const [email] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, emailId), access === "own" ? eq(emailOutbox.toAddress, actor.email) : undefined));
  return email ?? null;
}
