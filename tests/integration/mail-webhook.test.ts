import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, emailSuppressions, rosterEntries } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { SUPPRESSED_MESSAGE } from "@/lib/mail/dispatch";
import { enqueueEmail } from "@/lib/mail/outbox";
import { renderEmail } from "@/lib/mail/render";
import { POST } from "@/app/api/webhooks/resend/route";
import { CHANGAN, CITY_EMAIL, NOW, SHIJIAZHUANG, submissionOf, unitByCode } from "../support/actors";
import { testDb } from "../support/database";

// Read by env() on first use, which comes later (the route calls it per request).
const SECRET = `whsec_${Buffer.from("baosong-webhook-test-secret-32by").toString("base64")}`;
process.env.RESEND_WEBHOOK_SECRET = SECRET;

const { db } = testDb();
const BOUNCED = "changan-admin@example.com";

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
});

function sign(id: string, timestamp: number, body: string, secret = SECRET): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

function webhook(body: string, headers: Partial<Record<"svix-id" | "svix-timestamp" | "svix-signature", string>> = {}) {
  const id = headers["svix-id"] ?? `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = headers["svix-timestamp"] ?? String(Math.floor(Date.now() / 1000));
  const signature = headers["svix-signature"] ?? sign(id, Number(timestamp), body);
  return POST(
    new Request("http://localhost/api/webhooks/resend", {
      method: "POST",
      headers: { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature },
      body,
    }),
  );
}

const bounceOf = (providerId: string, to: string) =>
  JSON.stringify({ type: "email.bounced", created_at: "2025-03-03T02:10:00.000Z", data: { email_id: providerId, to: [to], subject: "账号开通", bounce: { message: "550 5.1.1 user unknown", type: "Permanent" } } });

async function queueTo(to: string, status: "pending" | "sent", providerId: string | null = null) {
  const id = await enqueueEmail(db, { ...renderEmail({ subject: "激活账号", greeting: "您好：", paragraphs: ["请设置密码。"] }), to, kind: "activation", at: NOW });
  await db.update(emailOutbox).set({ status, providerId, sentAt: status === "sent" ? NOW : null }).where(eq(emailOutbox.id, id!));
  return id!;
}

describe("the Resend webhook", () => {
  it("refuses a bad signature, a changed body, a stale timestamp and missing headers, changing nothing", async () => {
    const body = bounceOf("re_unknown", "victim@example.com");
    const id = "msg_bad";
    const timestamp = Math.floor(Date.now() / 1000);
    const refusals = [
      await webhook(body, { "svix-id": id, "svix-timestamp": String(timestamp), "svix-signature": sign(id, timestamp, body, `whsec_${Buffer.from("another-secret-of-32-bytes-long!").toString("base64")}`) }),
      await webhook(body.replace("victim", "victim2"), { "svix-id": id, "svix-timestamp": String(timestamp), "svix-signature": sign(id, timestamp, body) }),
      await webhook(body, { "svix-id": id, "svix-timestamp": String(timestamp - 600), "svix-signature": sign(id, timestamp - 600, body) }),
      await POST(new Request("http://localhost/api/webhooks/resend", { method: "POST", body })),
    ];
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(await db.$count(emailSuppressions)).toBe(0);
  });

  it("on a bounce: marks the address undeliverable, stops what is still queued for it, and tells the reporting unit which row to correct, once", async () => {
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const changan = await unitByCode(db, CHANGAN);
    await db.insert(rosterEntries).values({ campaignId: submission.campaignId, submissionId: submission.id, unitId: changan.id, name: "赵刚", position: "科长", phone: "13800138000", email: BOUNCED });
    const delivered = await queueTo(BOUNCED, "sent", "re_0001");
    const waiting = await queueTo(BOUNCED, "pending");
    const unrelated = await queueTo("someone-else@example.com", "pending");

    const body = bounceOf("re_0001", BOUNCED);
    const response = await webhook(body, { "svix-id": "msg_bounce_1" });
    expect(response.status).toBe(200);

    const [suppression] = await db.select().from(emailSuppressions);
    expect(suppression).toMatchObject({ address: BOUNCED, reason: "550 5.1.1 user unknown" });
    const byId = async (id: number) => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
    expect((await byId(delivered)).bouncedAt).not.toBeNull();
    expect(await byId(waiting)).toMatchObject({ status: "failed", lastError: SUPPRESSED_MESSAGE });
    expect((await byId(unrelated)).status).toBe("pending");

    const notices = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "bounce_notice"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ toAddress: CITY_EMAIL, unitId: submission.unitId, campaignId: submission.campaignId, status: "pending" });
    expect(notices[0].subject).toBe("【邮箱无法投递】请更正「长安区教育局」的管理员邮箱");
    expect(notices[0].text).toContain(`/submissions/${submission.id}`);
    // The bounced address is someone else's personal data: the notice names the unit only.
    expect(notices[0].text).not.toContain(BOUNCED);
    expect(notices[0].text).not.toContain("赵刚");

    // Svix delivers again (same message), and Resend may report the same address again: still one notice.
    expect((await webhook(body, { "svix-id": "msg_bounce_1" })).status).toBe(200);
    expect((await webhook(bounceOf("re_0002", BOUNCED))).status).toBe(200);
    expect(await db.$count(emailOutbox, eq(emailOutbox.kind, "bounce_notice"))).toBe(1);
    expect(await db.$count(emailSuppressions)).toBe(1);
  });

  it("acknowledges other events without acting on them", async () => {
    const before = await db.$count(emailOutbox, eq(emailOutbox.status, "failed"));
    const response = await webhook(JSON.stringify({ type: "email.delivered", data: { email_id: "re_0003", to: ["x@example.com"] } }));
    expect(response.status).toBe(200);
    expect(await db.$count(emailOutbox, eq(emailOutbox.status, "failed"))).toBe(before);
    expect(await db.$count(emailSuppressions, eq(emailSuppressions.address, "x@example.com"))).toBe(0);
  });
});
