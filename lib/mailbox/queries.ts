import "server-only";
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { unitsInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { recordRead } from "@/lib/core/audit";
import { may } from "@/lib/core/policy";
import { env } from "@/lib/env";
import { openLink } from "@/lib/mail/link-secret";
import { fillLink } from "@/lib/mail/render";

export type MailStatus = OutboxEmail["status"];

/**
 * Who reads 「邮件」: province administrators everything about their province (delivery status included); in the demo and
 * dev server everyone else their own mail, so the demo's reminders and links can be followed offline.
 */
export function mailAccessFor(actor: Pick<Actor, "role">): "all" | "own" | null {
  if (may(actor.role, "mail.manage")) return "all";
  return env().DEMO_MODE ? "own" : null;
}

/** One's own mail; for the administrator, the mail about the units and people of its province. */
function readable(actor: Pick<Actor, "role" | "unitId" | "email">, access: "all" | "own"): SQL {
  if (access === "own") return eq(emailOutbox.toAddress, actor.email);
  const scope = unitsInScope(actor);
  return sql`(${emailOutbox.unitId} in ${scope} or ${emailOutbox.userId} in (select id from users where unit_id in ${scope}))`;
}

/** What stands where an activation or reset link was, for a reader who may not see it or when it is not kept. */
export const LINK_STAND_INS = {
  hidden: "链接已隐藏：仅收件人本人可见",
  notKept: "链接已发送到收件人的邮箱，系统不保存",
  lost: "链接已失效",
} as const;

export const MAILBOX_PAGE_SIZE = 50;

export type MailboxPage = {
  access: "all" | "own";
  emails: Pick<OutboxEmail, "id" | "toAddress" | "subject" | "kind" | "status" | "attempts" | "lastError" | "providerId" | "createdAt" | "sentAt" | "bouncedAt">[];
  counts: Record<MailStatus, number>;
  total: number;
};

type Read = { db: DbOrTx; actor: Actor; ip: string | null; now: Date };

/** One page of the mailbox, newest first, optionally of one status; null when the actor may not read it. Each look is audited. */
export async function getMailboxByActor({ db, actor, status, page, ip, now }: Read & { status: MailStatus | null; page: number }): Promise<MailboxPage | null> {
  const access = mailAccessFor(actor);
  if (!access) return null;
  const visible = readable(actor, access);
  const where: SQL | undefined = and(visible, status ? eq(emailOutbox.status, status) : undefined);
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
  const byStatus = await db.select({ status: emailOutbox.status, n: count() }).from(emailOutbox).where(visible).groupBy(emailOutbox.status);
  const counts: Record<MailStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const row of byStatus) counts[row.status] = row.n;
  await recordRead(db, actor, { action: "mail.list", targetType: "mailbox", detail: { access, status, page }, ip, at: now });
  return { access, emails, counts, total: status ? counts[status] : counts.pending + counts.sent + counts.failed };
}

export type MailboxEmail = Omit<OutboxEmail, "linkSecret">;

/**
 * One email with its bodies, if the actor may read it; audited. An activation or reset link shows only to
 * its recipient (and to anyone in the demo): whoever else can read the mailbox must not be able to take the account.
 */
export async function getEmailByIdForActor({ db, actor, emailId, ip, now }: Read & { emailId: number }): Promise<MailboxEmail | null> {
  const access = mailAccessFor(actor);
  if (!access) return null;
  const [row] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, emailId), readable(actor, access)));
  if (!row) return null;
  const { linkSecret, ...email } = row;
  const mayFollow = env().DEMO_MODE || email.toAddress === actor.email.toLowerCase();
  const link = linkSecret && mayFollow ? openLink(linkSecret, email.toAddress) : null;
  const standIn = !linkSecret ? LINK_STAND_INS.notKept : !mayFollow ? LINK_STAND_INS.hidden : LINK_STAND_INS.lost;
  await recordRead(db, actor, { action: "mail.read", targetType: "email", targetId: email.id, detail: { kind: email.kind, to: email.toAddress, linkShown: link !== null }, ip, at: now });
  return fillLink(email, link ?? standIn);
}
