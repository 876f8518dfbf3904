// Activation and reset links are never stored readable: a placeholder in the bodies, the link sealed beside it,
// filled in by the worker and dropped once the provider has the email. The local mailbox shows it to its recipient only.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox, users } from "@/db/schema";
import { DEMO_LOGINS, seedDatabase } from "@/db/seed";
import { sendActivation } from "@/lib/accounts/invitations";
import { sendPasswordReset } from "@/lib/accounts/password-reset";
import { setPasswordWithToken } from "@/lib/accounts/set-password";
import { createSecretBox } from "@/lib/core/secret-box";
import { createDispatcher, LINK_LOST_MESSAGE } from "@/lib/mail/dispatch";
import { enqueueEmail } from "@/lib/mail/outbox";
import { unpaced } from "@/lib/mail/pacer";
import { LINK_PLACEHOLDER, renderEmail } from "@/lib/mail/render";
import { localMailbox, resendSender } from "@/lib/mail/senders";
import { getEmailByIdForActor, LINK_STAND_INS } from "@/lib/mailbox/queries";
import { actorFor, unitByCode } from "../support/actors";
import { testDb } from "../support/database";
import { FakeResend } from "../support/fake-resend";
import { linkOf, tokenOf } from "../support/mail";

const { db, url } = testDb();
const root = fileURLToPath(new URL("../..", import.meta.url));
const PASSWORD = "Jiaoyu#2021";
const emailOf = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;

let fake: FakeResend;
let worker: ChildProcess | undefined;
beforeAll(async () => {
  await seedDatabase(db);
});
// A fresh provider each test: row ids start again at 1, and so do the batches' Idempotency-Keys.
beforeEach(async () => {
  fake = await FakeResend.start();
});
afterEach(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    worker.kill("SIGTERM");
    await once(worker, "exit");
  }
  worker = undefined;
  await db.execute(sql`truncate email_outbox restart identity`);
  await fake.close();
});

/** Every stored column of the outbox that could hold the token, searched for it. */
async function rowsHolding(token: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from email_outbox
    where position(${token} in text) > 0 or position(${token} in html) > 0 or position(${token} in coalesce(link_secret, '')) > 0`);
  return row.n;
}

async function outboxRow(id: number) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row;
}

async function userByEmail(email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

describe("a link in the outbox", () => {
  it("goes out through the worker process and the provider, still works for its recipient, and no row holds it afterwards", async () => {
    const unit = await unitByCode(db, "1301");
    const [user] = await db.insert(users).values({ email: "link-e2e@example.com", name: "李明", role: "city_officer", unitId: unit.id, status: "invited" }).returning();
    const { outboxId } = await db.transaction((tx) => sendActivation(tx, { userId: user.id, actorId: null, now: new Date() }));

    const queued = await outboxRow(outboxId!);
    expect(queued.text).toContain(`设置密码并激活账号：${LINK_PLACEHOLDER}`);
    expect(queued.text + queued.html).not.toContain("token=");
    const token = tokenOf(queued);
    expect(await rowsHolding(token)).toBe(0);

    // The real `npm run worker`, with the web tier's AUTH_SECRET, sending to the fake Resend.
    worker = spawn(process.execPath, ["--import", "tsx", "lib/launcher/worker.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "test", DATABASE_URL: url, AUTH_SECRET: process.env.AUTH_SECRET, RESEND_API_KEY: "re_links_test", RESEND_BASE_URL: fake.url, WORKER_POLL_MS: "100" },
      stdio: "ignore",
    });
    await expect.poll(async () => (await outboxRow(outboxId!)).status, { timeout: 15_000 }).toBe("sent");

    // The worker's reminder tick may send the seeded campaign's reminders too.
    const [delivered] = fake.delivered.filter((e) => e.to.includes(user.email));
    const link = `http://localhost:3000/activate?token=${token}`;
    expect(delivered.to).toEqual([user.email]);
    expect(delivered.text).toContain(`设置密码并激活账号：${link}`);
    expect(delivered.html).toContain(`href="${link}"`);
    expect(delivered.text + delivered.html).not.toContain(LINK_PLACEHOLDER);

    expect((await outboxRow(outboxId!)).linkSecret).toBeNull();
    expect(await rowsHolding(token)).toBe(0);

    expect(await setPasswordWithToken({ db, purpose: "activation", input: { token, password: PASSWORD, confirm: PASSWORD }, ip: null, now: new Date() })).toMatchObject({ ok: true });
    expect((await userByEmail(user.email)).status).toBe("active");
  });

  it("in the local mailbox, shows masked to a province admin reading someone else's reset email, who cannot take over the account", async () => {
    const admin = await actorFor(db, emailOf("province_admin"));
    const auditor = await userByEmail(emailOf("auditor"));
    const now = new Date();
    await db.transaction((tx) => sendPasswordReset(tx, { user: auditor, actorId: admin.userId, now }));
    expect(await createDispatcher({ db, sender: localMailbox, pacer: unpaced }).dispatchBatch(now)).toMatchObject({ sent: 1 });

    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, auditor.email));
    expect(row).toMatchObject({ status: "sent", providerId: "local" });
    const token = tokenOf(row);
    expect(await rowsHolding(token)).toBe(0);

    const seen = await getEmailByIdForActor({ db, actor: admin, emailId: row.id, ip: null, now });
    expect(seen!.text).toContain(`设置新密码：${LINK_STAND_INS.hidden}`);
    expect(seen!.html).toContain(LINK_STAND_INS.hidden);
    expect(seen!.text + seen!.html).not.toMatch(/token=|reset-password/);
    expect(seen).not.toHaveProperty("linkSecret");

    // The link still works, for the auditor who has it in the inbox.
    expect(await setPasswordWithToken({ db, purpose: "password_reset", input: { token, password: PASSWORD, confirm: PASSWORD }, ip: null, now })).toMatchObject({ ok: true });
  });

  it("in the local mailbox, shows to its recipient", async () => {
    const admin = await actorFor(db, emailOf("province_admin"));
    const now = new Date();
    await db.transaction((tx) => sendPasswordReset(tx, { user: { id: admin.userId, email: admin.email, name: admin.name, unitId: admin.unitId }, actorId: null, now }));
    await createDispatcher({ db, sender: localMailbox, pacer: unpaced }).dispatchBatch(now);
    const [row] = await db.select().from(emailOutbox);
    const seen = await getEmailByIdForActor({ db, actor: admin, emailId: row.id, ip: null, now });
    expect(seen!.text).toContain(`设置新密码：${linkOf(row)}`);
  });

  it("sent through the provider, is no longer kept: the mailbox says so instead", async () => {
    const admin = await actorFor(db, emailOf("province_admin"));
    const now = new Date();
    await db.transaction((tx) => sendPasswordReset(tx, { user: { id: admin.userId, email: admin.email, name: admin.name, unitId: admin.unitId }, actorId: null, now }));
    await createDispatcher({ db, sender: resendSender({ apiKey: "re_links_test", baseUrl: fake.url, from: "noreply@baosong.local" }), pacer: unpaced }).dispatchBatch(now);
    const [row] = await db.select().from(emailOutbox);
    expect(row).toMatchObject({ status: "sent", linkSecret: null });
    const seen = await getEmailByIdForActor({ db, actor: admin, emailId: row.id, ip: null, now });
    expect(seen!.text).toContain(`设置新密码：${LINK_STAND_INS.notKept}`);
  });

  it("sealed under another AUTH_SECRET, fails for good instead of going out without its link", async () => {
    const to = "rotated@example.com";
    const sealed = createSecretBox("an-earlier-auth-secret-0123456789abcdef", "email-link").seal("http://localhost:3000/activate?token=x", to);
    const mail = renderEmail({ subject: "激活", greeting: "您好：", paragraphs: [], action: { label: "激活", url: "unused", secret: true } });
    const id = await enqueueEmail(db, { ...mail, to, kind: "activation", at: new Date() });
    await db.update(emailOutbox).set({ linkSecret: sealed }).where(eq(emailOutbox.id, id!));

    await createDispatcher({ db, sender: resendSender({ apiKey: "re_links_test", baseUrl: fake.url, from: "noreply@baosong.local" }), pacer: unpaced }).dispatchBatch(new Date());
    expect(await outboxRow(id!)).toMatchObject({ status: "failed", lastError: LINK_LOST_MESSAGE });
    expect(fake.requests).toHaveLength(0);
  });
});
