import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createDb } from "@/db/index";
import { campaignAssignments, rosterEntries, submissions, units, users } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify";
import { enqueueEmails } from "@/lib/mail/outbox";
import { renderEmail } from "@/lib/mail/render";
import { Balancer } from "../support/balancer";
import { FakeResend } from "../support/fake-resend";
import { checkoutDatabase, dropDatabase } from "../support/postgres";
import { demoLogin } from "./support/demo";
import { login } from "./support/login";
import { freePort, prepareDatabase, root, startPortalServer, startWorker, stopProcess } from "../support/production-app";

// docs/deployment.md's shape on one machine: two web processes behind a load balancer and two workers, one
// database. One of each is SIGKILLed while city officers save rows and the outbox drains.

const CITIES = ["1301", "1302", "1303", "1304"];
const ROUNDS = 6;
const NAMES = ["王建国", "李文明", "赵海燕", "孙志强", "周晓红", "吴国平", "郑玉兰", "冯建华"];
const EMAILS = 120;

test("two web processes and two workers: one of each killed mid-load, nothing saved is lost and nobody gets an email twice", async ({ browser }) => {
  test.setTimeout(300_000);
  const serverUrl = process.env.BAOSONG_E2E_SERVER_URL!;
  const name = checkoutDatabase("baosong_e2e_processes");
  const { url, appUrl } = await prepareDatabase(serverUrl, name);
  const { db, client } = createDb(url, { max: 2 });
  const fake = await FakeResend.start();
  const [portA, portB] = [await freePort(), await freePort()];
  // Half the officers reach A first and the other half B, each falling over to the other: both processes serve saves
  // until A is killed, whatever the machine's timing, and A's officers then carry on through B.
  const balancers = [await Balancer.start([portA, portB], "failover"), await Balancer.start([portB, portA], "failover")];
  const urls = balancers.map((b) => `http://127.0.0.1:${b.port}`);
  const baseURL = urls[0];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    NODE_ENV: "production",
    AUTH_TRUST_HOST: "true",
    APP_URL: baseURL,
    RESEND_API_KEY: "re_processes_test",
    RESEND_BASE_URL: fake.url,
    MAIL_RATE_PER_SECOND: "50",
    WORKER_POLL_MS: "100",
  };
  const running: ChildProcess[] = [];
  try {
    const [webA, webB] = await Promise.all([
      startPortalServer({ env, port: portA, logFile: logPath("processes-web-a.log") }),
      startPortalServer({ env, port: portB, logFile: logPath("processes-web-b.log") }),
    ]);
    running.push(webA, webB);
    const officers = await cityOfficers(db);
    const addresses = await queueEmails(db);

    // The first worker is held by the provider mid-batch; the second starts beside it.
    fake.answer({ status: 200, hold: true });
    const worker1 = startWorker({ env, logFile: logPath("processes-worker-1.log") });
    running.push(worker1);
    await fake.waitForRequests(1);
    const worker2 = startWorker({ env, logFile: logPath("processes-worker-2.log") });
    running.push(worker2);

    // Killed once every officer has saved once: A's officers through A, B's through B.
    const saved = officers.map(() => 0);
    const killWebA = (async () => {
      await expect.poll(() => Math.min(...saved), { timeout: 120_000 }).toBeGreaterThan(0);
      webA.kill("SIGKILL");
      await once(webA, "exit");
    })();
    const killWorker1 = (async () => {
      worker1.kill("SIGKILL");
      await once(worker1, "exit");
      fake.release();
      // Its batch stays claimed until the lease (five minutes) runs out; the test does not wait that long.
      await db.execute(sql`update email_outbox set claimed_until = now() where status = 'pending' and claimed_until is not null`);
    })();
    await Promise.all([
      ...officers.map((officer, i) => keepSaving(browser, urls[i % urls.length], officer, i, () => saved[i]++)),
      killWebA,
      killWorker1,
    ]);

    // Every save the page confirmed is in the table.
    const entries = await db
      .select({ unitId: rosterEntries.unitId, name: rosterEntries.name })
      .from(rosterEntries)
      .where(inArray(rosterEntries.unitId, officers.map((o) => o.rowUnitId)));
    expect(entries.map((e) => e.name).sort()).toEqual(officers.map(() => NAMES[ROUNDS - 1]).sort());
    // Both processes served saves, and the survivor went on serving after the other was killed.
    expect(postsIn("processes-web-a.log")).toBeGreaterThan(0);
    expect(postsIn("processes-web-b.log")).toBeGreaterThan(0);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });

    // Every email was sent once: the killed worker's batch again under its key, which the provider answers from memory.
    await expect.poll(async () => (await db.execute(sql`select count(*)::int as n from email_outbox where status <> 'sent'`))[0].n, { timeout: 60_000 }).toBe(0);
    for (const address of addresses) expect(fake.deliveriesTo(address), address).toBe(1);
    expect(fake.requests.some((r) => r.replayed)).toBe(true);
  } finally {
    await Promise.all(running.map(stopProcess));
    await Promise.all(balancers.map((b) => b.close()));
    await fake.close();
    await client.end();
    await dropDatabase(serverUrl, name);
  }
});

type Officer = { email: string; password: string; rowUnitId: number; rowUnitName: string };

/** The demo's 石家庄 officer and three more cities' officers, each with the first row of their own city's table. */
async function cityOfficers(db: ReturnType<typeof createDb>["db"]): Promise<Officer[]> {
  const seeded = demoLogin("city_officer");
  const [template] = await db.select().from(users).where(eq(users.email, seeded.email));
  const officers: Officer[] = [];
  for (const code of CITIES) {
    const [city] = await db.select({ id: units.id }).from(units).where(eq(units.code, code));
    const email = code === "1301" ? seeded.email : `officer${code}@demo.baosong.cn`;
    if (code !== "1301") {
      await db.insert(users).values({ email, name: "张丽华", phone: template.phone, role: "city_officer", unitId: city.id, status: "active", passwordHash: template.passwordHash });
    }
    const [row] = await db
      .select({ id: units.id, name: units.name })
      .from(units)
      .innerJoin(campaignAssignments, eq(campaignAssignments.unitId, city.id))
      .innerJoin(submissions, eq(submissions.assignmentId, campaignAssignments.id))
      .where(and(eq(units.reportingParentId, city.id), eq(units.kind, "county_bureau")))
      .orderBy(units.sortOrder, units.id)
      .limit(1);
    officers.push({ email, password: seeded.password, rowUnitId: row.id, rowUnitName: row.name });
  }
  return officers;
}

async function queueEmails(db: ReturnType<typeof createDb>["db"]): Promise<string[]> {
  const addresses = Array.from({ length: EMAILS }, (_, i) => `recipient${i + 1}@example.com`);
  const email = renderEmail({ subject: "报送提醒", greeting: "您好：", paragraphs: ["请按时报送。"] });
  await enqueueEmails(db, addresses.map((to) => ({ ...email, to, kind: "reminder", at: new Date() })));
  return addresses;
}

/** Saves the officer's row ROUNDS times; a save cut off with its process is tried again, as a person would. */
async function keepSaving(browser: Browser, baseURL: string, officer: Officer, index: number, onSaved: () => void): Promise<void> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await login(page, officer.email, officer.password);
  await page.getByTestId("open-submission").first().click();
  await expect(page).toHaveURL(/\/submissions\/\d+$/);
  const table = page.url();
  for (let round = 0; round < ROUNDS; round++) {
    await saveRow(page, table, officer, NAMES[round], `1380${index}${String(round).padStart(6, "0")}`);
    onSaved();
  }
  await context.close();
}

async function saveRow(page: Page, table: string, officer: Officer, name: string, phone: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const row = page.locator(`[data-testid="roster-row"][data-unit="${officer.rowUnitName}"]`);
      await row.getByTestId("row-edit").click({ timeout: 10_000 });
      const editor = page.getByTestId("row-editor");
      await editor.getByTestId("row-name").fill(name);
      await editor.getByTestId("row-position").fill("信息中心主任");
      await editor.getByTestId("row-phone").fill(phone);
      await editor.getByTestId("row-email").fill(`${officer.rowUnitId}@example.com`);
      await editor.getByTestId("row-save").click();
      await expect(row).toContainText(name, { timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 5) throw error;
      // The page's process may be gone: load the table again (through the balancer, from the survivor).
      await page.goto(table).catch(() => {});
    }
  }
}

const logPath = (name: string) => join(root, "test-results", name);

function postsIn(log: string): number {
  return readFileSync(logPath(log), "utf8")
    .split("\n")
    .filter((line) => line.includes('"method":"POST"') && line.includes('"route":"/submissions/')).length;
}
