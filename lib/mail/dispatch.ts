import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import type { z } from "zod";
import { col, queryRows } from "@/db/rows";
import { openLink } from "./link-secret";
import type { Pacer } from "./pacer";
import { fillLink } from "./render";
import { MAX_ATTEMPTS, parseRetryAfter, retryDelayMs } from "./retry";
import type { MailSender, OutgoingEmail, SendResult } from "./senders";

/** Emails per provider call: Resend's batch limit. */
export const BATCH_SIZE = 100;
/** How long a worker owns the rows it claimed; after that another worker may send them again (same key). */
export const LEASE_MS = 5 * 60_000;

export const SUPPRESSED_MESSAGE = "收件地址曾被退信，已停止向其发送。请更正邮箱后重新发送。";
export const LINK_LOST_MESSAGE = "邮件中的链接无法还原（系统密钥已更换），未发送。请重新发送激活邮件或重置密码链接。";

/** `linkLost`: the row's sealed link does not open (another AUTH_SECRET), so the email cannot be sent. */
type ClaimedEmail = OutgoingEmail & { id: number; attempts: number; linkLost: boolean };

export type DispatchReport = { claimed: number; sent: number; retrying: number; failed: number };

/**
 * One batch at a time: claim (a short transaction), send outside any transaction, record.
 * `dispatchBatch` answers null when nothing is due, or while the provider asked us to wait.
 */
export function createDispatcher({ db, sender, pacer, random = Math.random }: { db: Db; sender: MailSender; pacer: Pacer; random?: () => number }) {
  let pausedUntil = 0;

  async function dispatchBatch(now: Date): Promise<DispatchReport | null> {
    if (now.getTime() < pausedUntil) return null;
    const claim = await claimBatch(db, now);
    if (!claim) return null;
    const { emails: claimed, suppressed } = claim;
    const lost = claimed.filter((e) => e.linkLost);
    if (lost.length > 0) await recordFailure(db, lost, { message: LINK_LOST_MESSAGE, retryAt: null });
    const emails = claimed.filter((e) => !e.linkLost);
    const skipped = suppressed + lost.length;
    if (emails.length === 0) return { claimed: skipped, sent: 0, retrying: 0, failed: skipped };

    await pacer.wait();
    const result = await sender.send(emails, batchIdempotencyKey(emails.map((e) => e.id)));
    if (result.ok) {
      // The local mailbox is the delivered mail: it keeps the sealed link for the 「邮件」 page, which shows it only to whom it may.
      await recordSent(db, emails, result.providerIds, now, { keepLinks: sender.name === "local" });
      return { claimed: emails.length + skipped, sent: emails.length, retrying: 0, failed: skipped };
    }

    const attempt = Math.max(...emails.map((e) => e.attempts)) + 1;
    const retryAt = new Date(now.getTime() + retryDelayMs(attempt, parseRetryAfter(result.retryAfter, now), random));
    // A rate limit applies to every batch, not only this one: claim nothing until it has passed.
    if (result.rateLimited) pausedUntil = retryAt.getTime();
    const gaveUp = !result.retryable || attempt >= MAX_ATTEMPTS;
    await recordFailure(db, emails, { message: failureMessage(result, gaveUp), retryAt: gaveUp ? null : retryAt });
    return { claimed: emails.length + skipped, sent: 0, retrying: gaveUp ? 0 : emails.length, failed: skipped + (gaveUp ? emails.length : 0) };
  }

  return { dispatchBatch };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/** What the 「邮件」 page shows for a try that did not go through; the provider's own words in brackets. */
function failureMessage(result: Extract<SendResult, { ok: false }>, gaveUp: boolean): string {
  const detail = `（${result.message}）`;
  if (!result.retryable) return `邮件服务拒绝发送，请检查收件地址后重新发送${detail}`;
  if (gaveUp) return `已尝试 ${MAX_ATTEMPTS} 次仍未发出，请确认邮件服务恢复后重新发送${detail}`;
  return `${result.rateLimited ? "发送过于频繁" : "邮件服务暂时不可用"}，稍后自动重试${detail}`;
}

/** Derived from the row ids only, so whoever sends these rows again sends them under the same key. */
export function batchIdempotencyKey(ids: number[]): string {
  const digest = createHash("sha256")
    .update([...ids].sort((a, b) => a - b).join(","))
    .digest("hex");
  return `baosong-outbox/${ids.length}/${digest.slice(0, 40)}`;
}

/**
 * The lease end doubles as the batch's name: every row of a batch gets the same value, made unique
 * to this transaction in its microseconds (at most 999 µs early), so a batch whose worker died (or that waits for a retry)
 * is claimed again whole and goes out under the same Idempotency-Key.
 */
function batchLease(until: Date): SQL {
  return sql`(${until.toISOString()}::timestamptz - (txid_current() % 1000)::int * interval '1 microsecond')`;
}

const RETURNING = sql`o.id, o.to_address as "toAddress", o.subject, o.text, o.html, o.attempts, o.link_secret as "linkSecret"`;
const CLAIMED = { id: col.int, toAddress: col.text, subject: col.text, text: col.text, html: col.text, attempts: col.int, linkSecret: col.textOrNull };

/** The row as it goes to the provider: the secret link filled in (the same every time, so a retry keeps its key's body). */
function toClaimed({ linkSecret, id, attempts, toAddress, subject, text, html }: z.output<z.ZodObject<typeof CLAIMED>>): ClaimedEmail {
  const email = { toAddress, subject, text, html };
  const link = linkSecret === null ? undefined : openLink(linkSecret, toAddress);
  return { ...(link ? fillLink(email, link) : email), id, attempts, linkLost: link === null };
}

/** A batch whose lease has run out first (it may already be at the provider), else up to 100 fresh due rows. */
async function claimBatch(db: Db, now: Date): Promise<{ emails: ClaimedEmail[]; suppressed: number } | null> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const lease = batchLease(new Date(now.getTime() + LEASE_MS));
  return db.transaction(async (tx: Tx) => {
    // Waits (no SKIP LOCKED) for a worker taking the same batch, so that a batch is never split.
    const resumed = await queryRows(
      tx,
      CLAIMED,
      sql`
      update email_outbox o set claimed_until = ${lease}
      where o.id in (
        select id from email_outbox
        where status = 'pending' and claimed_until = (
          select claimed_until from email_outbox
          where status = 'pending' and claimed_until <= ${at}
          order by claimed_until limit 1)
        for update)
      returning ${RETURNING}`,
    );
    // In id order, as when first sent: the same key must come with the same body.
    if (resumed.length > 0) return { emails: resumed.map(toClaimed).sort((a, b) => a.id - b.id), suppressed: 0 };

    const fresh = await queryRows(
      tx,
      { ...CLAIMED, suppressed: col.bool },
      sql`
      with picked as (
        select id, exists (select 1 from email_suppressions s where s.address = e.to_address) as suppressed
        from email_outbox e
        where status = 'pending' and claimed_until is null and next_attempt_at <= ${at}
        order by next_attempt_at, id
        limit ${BATCH_SIZE}
        for update skip locked
      )
      update email_outbox o set
        claimed_until = case when p.suppressed then null else ${lease} end,
        status = case when p.suppressed then 'failed'::outbox_status else o.status end,
        last_error = case when p.suppressed then ${SUPPRESSED_MESSAGE} else o.last_error end
      from picked p where o.id = p.id
      returning ${RETURNING}, p.suppressed`,
    );
    if (fresh.length === 0) return null;
    const emails = fresh.filter((row) => !row.suppressed).map(toClaimed);
    return { emails: emails.sort((a, b) => a.id - b.id), suppressed: fresh.length - emails.length };
  });
}

/** Sent: without `keepLinks` the sealed link is dropped, so nothing stored can make the link again. */
async function recordSent(db: Db, emails: ClaimedEmail[], providerIds: string[], now: Date, { keepLinks }: { keepLinks: boolean }): Promise<void> {
  const rows = JSON.stringify(emails.map((e, i) => ({ id: e.id, provider_id: providerIds[i] ?? null })));
  await db.execute(sql`
    update email_outbox o set status = 'sent', provider_id = v.provider_id, sent_at = ${now.toISOString()}::timestamptz,
      attempts = o.attempts + 1, claimed_until = null, last_error = null,
      link_secret = case when ${keepLinks}::boolean then o.link_secret end
    from jsonb_to_recordset(${rows}::jsonb) as v(id int, provider_id text)
    where o.id = v.id and o.status = 'pending'`);
}

/** Schedules the same batch again at `retryAt` (kept together under one lease), or marks it 「发送失败」. */
async function recordFailure(db: Db, emails: ClaimedEmail[], { message, retryAt }: { message: string; retryAt: Date | null }): Promise<void> {
  const ids = sql.join(
    emails.map((e) => sql`${e.id}`),
    sql`, `,
  );
  await db.execute(
    retryAt
      ? sql`update email_outbox set attempts = attempts + 1, last_error = ${message},
              next_attempt_at = ${retryAt.toISOString()}::timestamptz, claimed_until = ${batchLease(retryAt)}
            where id in (${ids}) and status = 'pending'`
      : sql`update email_outbox set attempts = attempts + 1, last_error = ${message}, status = 'failed', claimed_until = null
            where id in (${ids}) and status = 'pending'`,
  );
}
