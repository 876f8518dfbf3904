// The real `npm run worker` process (lib/launcher/worker.ts) against this file's database and a fake Resend.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { asc, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { env } from "@/lib/env";
import { createDispatcher, LEASE_MS } from "@/lib/mail/dispatch";
import { enqueueEmails } from "@/lib/mail/outbox";
import { unpaced } from "@/lib/mail/pacer";
import { renderEmail } from "@/lib/mail/render";
import { senderFromEnv } from "@/lib/mail/senders";
import { FakeResend } from "../support/fake-resend";
import { testDb } from "../support/database";

const { db, url } = testDb();
const root = fileURLToPath(new URL("../..", import.meta.url));

let fake: FakeResend;
let worker: ChildProcess | undefined;
beforeEach(async () => {
  fake = await FakeResend.start();
  await db.execute(sql`truncate email_outbox restart identity`);
});
afterEach(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    worker.kill("SIGKILL");
    await once(worker, "exit");
  }
  worker = undefined;
  await fake.close();
});

function startWorker(): ChildProcess {
  worker = spawn(process.execPath, ["--import", "tsx", "lib/launcher/worker.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      DATABASE_URL: url,
      AUTH_SECRET: "baosong-worker-test-secret-0123456789abcdef",
      RESEND_API_KEY: "re_worker_test",
      RESEND_BASE_URL: fake.url,
      MAIL_RATE_PER_SECOND: "50",
      WORKER_POLL_MS: "100",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return worker;
}

/** Due now by the wall clock, which is the clock the worker process runs on. */
async function queue(prefix: string, count: number): Promise<string[]> {
  const addresses = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}@example.com`);
  await enqueueEmails(
    db,
    addresses.map((to) => ({ ...renderEmail({ subject: "报送提醒", greeting: "您好：", paragraphs: ["请按时报送。"] }), to, kind: "reminder", at: new Date() })),
  );
  return addresses;
}

const rows = () => db.select().from(emailOutbox).orderBy(asc(emailOutbox.id));

describe("the worker process", () => {
  it("killed after the provider accepted a batch but before recording it: the batch is sent again under the same key, and nobody gets it twice", async () => {
    const first = await queue("first", 30);
    fake.answer({ status: 200, hold: true });
    const child = startWorker();
    await fake.waitForRequests(1);
    child.kill("SIGKILL");
    await once(child, "exit");

    const abandoned = await rows();
    expect(abandoned.every((r) => r.status === "pending" && r.claimedUntil !== null)).toBe(true);
    // Mail queued meanwhile must not change the abandoned batch, or its key would change with it.
    const later = await queue("later", 5);

    // The same sender configuration as the killed worker: the same key must come with the same body.
    const sender = senderFromEnv({ RESEND_API_KEY: "re_worker_test", RESEND_BASE_URL: fake.url, MAIL_FROM: env().MAIL_FROM });
    const dispatcher = createDispatcher({ db, sender, pacer: unpaced });
    const afterLease = new Date(Date.now() + LEASE_MS + 1000);
    while (await dispatcher.dispatchBatch(afterLease));

    expect(fake.requests.map((r) => [r.emails.length, r.replayed])).toEqual([
      [30, false],
      [30, true],
      [5, false],
    ]);
    expect(fake.requests[1].idempotencyKey).toBe(fake.requests[0].idempotencyKey);
    expect(fake.requests[2].idempotencyKey).not.toBe(fake.requests[0].idempotencyKey);
    for (const address of [...first, ...later]) expect(fake.deliveriesTo(address), address).toBe(1);
    expect((await rows()).every((r) => r.status === "sent" && r.claimedUntil === null)).toBe(true);
  });

  it("on SIGTERM records the batch in flight, then exits cleanly", async () => {
    await queue("term", 3);
    fake.answer({ status: 200, hold: true });
    const child = startWorker();
    await fake.waitForRequests(1);
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    fake.release();
    const [code] = await exited;
    expect(code).toBe(0);
    expect((await rows()).map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(fake.requests).toHaveLength(1);
  });
});
