import { asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox, emailSuppressions } from "@/db/schema";
import { DEMO_LOGINS, seedDatabase } from "@/db/seed";
import { resendCommand } from "@/lib/mailbox/commands";
import { BATCH_SIZE, createDispatcher, SUPPRESSED_MESSAGE } from "@/lib/mail/dispatch";
import { enqueueEmail, enqueueEmails } from "@/lib/mail/outbox";
import { unpaced } from "@/lib/mail/pacer";
import { renderEmail } from "@/lib/mail/render";
import { MAX_ATTEMPTS } from "@/lib/mail/retry";
import { localMailbox, resendSender } from "@/lib/mail/senders";
import { FakeResend } from "../support/fake-resend";
import { actorFor, auditOf, dataOf, lastAuditId, run } from "../support/actors";
import { testDb } from "../support/database";

const { db } = testDb();
const T0 = new Date("2021-11-23T01:00:00Z");
const SECOND = 1000;
const FROM = "河北省教育厅 <noreply@baosong.local>";
/** Jitter pinned to its middle, so the test knows when a retry is due. */
const random = () => 0.5;

let fake: FakeResend;
beforeAll(async () => {
  // Users for 「重新发送」; the seed itself queues no email.
  await seedDatabase(db, { now: T0 });
});
beforeEach(async () => {
  fake = await FakeResend.start();
  await db.execute(sql`truncate email_outbox, email_suppressions restart identity`);
});
afterEach(async () => {
  await fake.close();
});

const at = (ms: number) => new Date(T0.getTime() + ms);

function resendDispatcher() {
  return createDispatcher({ db, sender: resendSender({ apiKey: "re_test_123", baseUrl: fake.url, from: FROM }), pacer: unpaced, random });
}

async function queue(count: number, { at = T0, prefix = "admin" } = {}): Promise<string[]> {
  const addresses = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}@example.com`);
  await enqueueEmails(
    db,
    addresses.map((to) => ({ ...renderEmail({ subject: "测试提醒", greeting: "您好：", paragraphs: ["请按时报送。"] }), to, kind: "reminder", at })),
  );
  return addresses;
}

async function rows() {
  return db.select().from(emailOutbox).orderBy(asc(emailOutbox.id));
}

/** Runs the dispatcher until it reports nothing due at `now`. */
async function drain(dispatcher: ReturnType<typeof createDispatcher>, now: Date) {
  let batches = 0;
  while (await dispatcher.dispatchBatch(now)) batches++;
  return batches;
}

describe("the local mailbox (no RESEND_API_KEY)", () => {
  it("marks every due row sent with provider_id 'local', in batches of at most 100, and leaves later rows alone", async () => {
    await queue(250);
    await queue(3, { at: at(60 * SECOND), prefix: "later" });
    const dispatcher = createDispatcher({ db, sender: localMailbox, pacer: unpaced });

    expect(await drain(dispatcher, T0)).toBe(3);
    const all = await rows();
    const sent = all.filter((r) => r.status === "sent");
    expect(sent).toHaveLength(250);
    expect(sent.every((r) => r.providerId === "local" && r.sentAt?.getTime() === T0.getTime() && r.attempts === 1 && r.claimedUntil === null)).toBe(true);
    expect(all.filter((r) => r.toAddress.startsWith("later")).map((r) => r.status)).toEqual(["pending", "pending", "pending"]);
  });
});

describe("Resend's batch API", () => {
  it("sends at most 100 emails a call, each call with its own Idempotency-Key, and records the provider's ids", async () => {
    const addresses = await queue(250);
    expect(await drain(resendDispatcher(), T0)).toBe(3);

    expect(fake.requests.map((r) => r.emails.length)).toEqual([BATCH_SIZE, BATCH_SIZE, 50]);
    expect(fake.requests.every((r) => r.authorization === "Bearer re_test_123")).toBe(true);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(3);
    expect(fake.requests[0].emails[0]).toMatchObject({ from: FROM, to: ["admin1@example.com"], subject: "测试提醒" });
    expect(fake.requests[0].emails[0].text).toContain("请按时报送。");
    expect(fake.requests[0].emails[0].html).toContain("<p");
    for (const address of addresses) expect(fake.deliveriesTo(address), address).toBe(1);

    const all = await rows();
    expect(all.every((r) => r.status === "sent" && r.providerId && r.providerId !== "local")).toBe(true);
    expect(new Set(all.map((r) => r.providerId)).size).toBe(250);
  });

  it("two workers draining at once send every email exactly once", async () => {
    const addresses = await queue(450);
    const [a, b] = [resendDispatcher(), resendDispatcher()];
    await Promise.all([drain(a, T0), drain(b, T0)]);
    expect(fake.delivered).toHaveLength(450);
    for (const address of addresses) expect(fake.deliveriesTo(address), address).toBe(1);
    expect((await rows()).every((r) => r.status === "sent")).toBe(true);
  });

  it("on 429 waits at least retry-after, claims nothing meanwhile, then sends the same batch under the same key with nothing lost", async () => {
    const addresses = await queue(150);
    fake.answer({ status: 429, retryAfter: 120 });
    const dispatcher = resendDispatcher();

    expect(await dispatcher.dispatchBatch(T0)).toEqual({ claimed: 100, sent: 0, retrying: 100, failed: 0 });
    // The rate limit holds for the whole account: the other 50 are not tried during the wait either.
    expect(await dispatcher.dispatchBatch(at(119 * SECOND))).toBeNull();
    expect(fake.requests).toHaveLength(1);
    const waiting = (await rows()).filter((r) => r.attempts === 1);
    expect(waiting).toHaveLength(100);
    expect(waiting.every((r) => r.status === "pending" && r.nextAttemptAt.getTime() === at(120 * SECOND).getTime())).toBe(true);
    expect(waiting[0].lastError).toContain("发送过于频繁");

    expect(await drain(dispatcher, at(121 * SECOND))).toBe(2);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200, 200]);
    expect(fake.requests[1].idempotencyKey).toBe(fake.requests[0].idempotencyKey);
    expect(fake.requests[1].emails.map((e) => e.to[0])).toEqual(fake.requests[0].emails.map((e) => e.to[0]));
    for (const address of addresses) expect(fake.deliveriesTo(address), address).toBe(1);
    expect((await rows()).every((r) => r.status === "sent" && r.lastError === null)).toBe(true);
  });

  it("retries a 500 with growing delays under the same key, then marks the emails 「发送失败」 after the last try", async () => {
    await queue(2);
    fake.answer(...Array.from({ length: MAX_ATTEMPTS }, () => ({ status: 500 as const })));
    const dispatcher = resendDispatcher();

    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await dispatcher.dispatchBatch(now), `attempt ${attempt}`).not.toBeNull();
      const [row] = await rows();
      expect(row.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe("pending");
        expect(await dispatcher.dispatchBatch(new Date(row.nextAttemptAt.getTime() - 1)), "not before its time").toBeNull();
        delays.push(row.nextAttemptAt.getTime() - now.getTime());
        now = row.nextAttemptAt;
      }
    }
    expect(delays).toEqual([...delays].sort((x, y) => x - y));
    expect(delays.at(-1)).toBeGreaterThan(delays[0] * 4);
    expect(fake.requests).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(fake.delivered).toHaveLength(0);

    const failed = await rows();
    expect(failed.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(failed[0].lastError).toContain(`已尝试 ${MAX_ATTEMPTS} 次`);
    expect(await dispatcher.dispatchBatch(at(24 * 3600 * SECOND))).toBeNull();
  });

  it("does not retry a request the provider refuses for good (422)", async () => {
    await queue(3);
    fake.answer({ status: 422 });
    const dispatcher = resendDispatcher();
    expect(await dispatcher.dispatchBatch(T0)).toEqual({ claimed: 3, sent: 0, retrying: 0, failed: 3 });
    expect((await rows()).map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
    expect((await rows())[0].lastError).toContain("邮件服务拒绝发送");
    expect(await dispatcher.dispatchBatch(at(3600 * SECOND))).toBeNull();
    expect(fake.requests).toHaveLength(1);
  });

  it("never sends to a bounced address: its rows fail with the reason, the others go", async () => {
    await queue(3);
    await db.insert(emailSuppressions).values({ address: "admin2@example.com", reason: "550 mailbox unavailable" });
    expect(await drain(resendDispatcher(), T0)).toBe(1);
    expect(fake.requests[0].emails.map((e) => e.to[0])).toEqual(["admin1@example.com", "admin3@example.com"]);
    const [bounced] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "admin2@example.com"));
    expect(bounced).toMatchObject({ status: "failed", lastError: SUPPRESSED_MESSAGE, attempts: 0 });
  });

  it("a dedupe key queues an email once, whatever the case of the address", async () => {
    const email = { ...renderEmail({ subject: "提醒", greeting: "您好：", paragraphs: ["正文"] }), kind: "reminder", dedupeKey: "reminder:1:2:-1440", at: T0 };
    expect(await enqueueEmail(db, { ...email, to: "Admin@Example.com" })).toEqual(expect.any(Number));
    expect(await enqueueEmail(db, { ...email, to: "admin@example.com" })).toBeNull();
    expect((await rows()).map((r) => r.toAddress)).toEqual(["admin@example.com"]);
  });
});

describe("「重新发送」", () => {
  const admin = () => actorFor(db, DEMO_LOGINS.find((l) => l.role === "province_admin")!.email);

  it("puts a failed email back in the queue with a fresh set of tries, audited; the worker then sends it", async () => {
    await queue(1);
    fake.answer({ status: 422 });
    await resendDispatcher().dispatchBatch(T0);
    const [failed] = await rows();
    expect(failed.status).toBe("failed");

    const mark = await lastAuditId(db);
    const later = at(3600 * SECOND);
    expect(dataOf(await run(db, resendCommand, { emailId: failed.id }, await admin(), later))).toEqual({ emailId: failed.id });
    expect((await rows())[0]).toMatchObject({ status: "pending", attempts: 0, lastError: null, claimedUntil: null, nextAttemptAt: later });
    expect(await auditOf(db, "mail.resend", mark)).toMatchObject([{ outcome: "success", targetType: "email", targetId: String(failed.id) }]);

    await drain(resendDispatcher(), later);
    expect((await rows())[0].status).toBe("sent");
    expect(fake.deliveriesTo("admin1@example.com")).toBe(1);
  });

  it("refuses an email that has not failed, and one to a bounced address", async () => {
    await queue(2);
    const [pending, bounced] = await rows();
    expect(await run(db, resendCommand, { emailId: pending.id }, await admin())).toEqual({ ok: false, formError: "只有「发送失败」的邮件可以重新发送。" });

    await db.insert(emailSuppressions).values({ address: bounced.toAddress, reason: "550" });
    await createDispatcher({ db, sender: localMailbox, pacer: unpaced }).dispatchBatch(T0);
    expect((await rows())[1].status).toBe("failed");
    expect(await run(db, resendCommand, { emailId: bounced.id }, await admin())).toMatchObject({ ok: false, formError: expect.stringContaining("曾被退信") });
    expect((await rows())[1].status).toBe("failed");
  });
});
