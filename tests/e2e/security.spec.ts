import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type APIResponse, expect, type Page, test } from "@playwright/test";
import { and, desc, eq, sql } from "drizzle-orm";
import { createDb } from "@/db/index";
import { auditLog, submissions, submissionScans, units, users } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER } from "@/db/seed";
import { demoLogin, seededTask } from "./support/demo";
import { acceptNoticeIfAsked, login } from "./support/login";

const serverLog = fileURLToPath(new URL("../../test-results/e2e-server.log", import.meta.url));
// 定州市: a table no other browser test touches.
const DINGZHOU = "130682";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** Collects what Chromium reports when the page's Content-Security-Policy blocks something. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to /i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

function nonceOf(response: APIResponse): string {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  if (!nonce) throw new Error("no nonce in the page's Content-Security-Policy");
  return nonce;
}

async function withDb<T>(work: (db: ReturnType<typeof createDb>["db"]) => Promise<T>): Promise<T> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    return await work(db);
  } finally {
    await client.end();
  }
}

test.describe("browser security headers", () => {
  test("a page carries the policy, with a fresh nonce each time, and the nonce is on its scripts", async ({ request }) => {
    const first = await request.get("/login");
    const headers = first.headers();
    const csp = headers["content-security-policy"];
    for (const directive of ["default-src 'self'", "'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
      "x-request-id": expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(headers["permissions-policy"]).toContain("camera=()");
    // The e2e server is plain http: no HSTS (it would pin a test host to https).
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(await first.text()).toContain(`nonce="${nonceOf(first)}"`);

    const second = await request.get("/login");
    expect(nonceOf(second)).not.toBe(nonceOf(first));
  });

  test("static files, redirects and refusals carry the headers too", async ({ request }) => {
    const answers = [
      await request.get("/robots.txt"),
      await request.get("/review", { maxRedirects: 0 }),
      await request.post("/login", { headers: { "Next-Action": "0" } }),
    ];
    expect(answers.map((a) => a.status())).toEqual([200, 307, 403]);
    for (const answer of answers) {
      expect(answer.headers()).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
      expect(answer.headers()["permissions-policy"]).toContain("camera=()");
    }
  });

  test("the portal works under the policy: login, client components, the scan in the review page", async ({ browser }) => {
    const officerPage = await (await browser.newContext()).newPage();
    const officerViolations = cspViolations(officerPage);
    const officer = demoLogin("city_officer");
    await login(officerPage, officer.email, officer.password);
    await expect(seededTask(officerPage).getByTestId("countdown")).toContainText(/剩余/);
    await seededTask(officerPage).getByTestId("open-submission").click();
    await expect(officerPage.getByTestId("roster-row").first()).toBeVisible();
    expect(officerViolations).toEqual([]);

    // A submitted table with its PDF scan; how a table gets there is review.spec.ts's business.
    const submissionId = await withDb(async (db) => {
      const [row] = await db
        .select({ id: submissions.id })
        .from(submissions)
        .innerJoin(units, eq(units.id, submissions.unitId))
        .where(and(eq(units.code, DINGZHOU), sql`${submissions.campaignId} = (select id from campaigns where doc_number = ${CAMPAIGN_DOC_NUMBER})`));
      await db.insert(submissionScans).values({ submissionId: row.id, fileName: "盖章表.pdf", mimeType: "application/pdf", size: PDF.length, content: PDF }).onConflictDoNothing();
      await db.update(submissions).set({ status: "submitted", submittedAt: new Date() }).where(eq(submissions.id, row.id));
      return row.id;
    });
    const reviewerPage = await (await browser.newContext()).newPage();
    const reviewerViolations = cspViolations(reviewerPage);
    const reviewer = demoLogin("province_reviewer");
    await login(reviewerPage, reviewer.email, reviewer.password);
    const scan = reviewerPage.waitForResponse((r) => r.url().endsWith(`/submissions/${submissionId}/scan`));
    await reviewerPage.goto(`/review/${submissionId}`);
    expect((await scan).headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
    await expect(reviewerPage.getByTestId("scan-frame")).toBeVisible();
    // Chromium's PDF viewer opened inside the frame (a refused frame shows chrome-error:// instead).
    await expect.poll(() => reviewerPage.frames().some((f) => f.url().startsWith("chrome-extension://"))).toBe(true);
    await expect(reviewerPage.getByTestId("review-open")).toBeEnabled();
    expect(reviewerViolations).toEqual([]);
  });
});

test("after login, a next that leads to another host lands on the home page", async ({ page, baseURL }) => {
  const officer = demoLogin("school_staff");
  await page.goto("/login?next=%2F%09%2Fevil.example%2F");
  await page.getByTestId("login-email").fill(officer.email);
  await page.getByTestId("login-password").fill(officer.password);
  await page.getByTestId("login-submit").click();
  await acceptNoticeIfAsked(page);
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByRole("heading", { name: "我的任务" })).toBeVisible();
});

test("a forged X-Forwarded-For is not the audited address, and the audit row names the request of the log line", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6" } });
  const page = await context.newPage();
  const officer = demoLogin("city_officer");
  await login(page, officer.email, officer.password);

  const [row] = await withDb((db) =>
    db
      .select({ ip: auditLog.ip, requestId: auditLog.requestId })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.userId))
      .where(and(eq(auditLog.action, "auth.login"), eq(auditLog.outcome, "success"), eq(users.email, officer.email)))
      .orderBy(desc(auditLog.id))
      .limit(1),
  );
  // The e2e server listens on 127.0.0.1 and trusts no proxy: the socket's peer is the client.
  expect(row.ip).toBe("127.0.0.1");
  expect(row.requestId).toMatch(/^[0-9a-f-]{36}$/);
  const lines = readFileSync(serverLog, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const loginLine = lines.find((l) => l.requestId === row.requestId);
  expect(loginLine).toMatchObject({ msg: "request", method: "POST", route: "/login", ip: "127.0.0.1", status: expect.any(Number), durationMs: expect.any(Number) });
  // Once signed in, each line names the person the request acted for.
  const [account] = await withDb((db) => db.select({ id: users.id }).from(users).where(eq(users.email, officer.email)));
  expect(lines.some((l) => l.route === "/" && l.method === "GET" && l.userId === account.id && l.status === 200)).toBe(true);
});

test.describe("cross-site writes", () => {
  test("a server action without an Origin is refused before it runs", async ({ page, baseURL }) => {
    const officer = demoLogin("city_officer");
    await login(page, officer.email, officer.password);
    // The logout action as the browser sends it, held back so that it can be sent again without its Origin.
    let action: { url: string; headers: Record<string, string>; body: Buffer | null } | undefined;
    await page.route("**/*", async (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
      action = { url: request.url(), headers: request.headers(), body: request.postDataBuffer() };
      return route.abort();
    });
    await page.getByTestId("logout").click();
    await expect.poll(() => action).toBeDefined();
    await page.unrouteAll();
    const { origin, ...withoutOrigin } = action!.headers;
    expect(origin).toBe(baseURL);

    const refused = await page.request.post(action!.url, { headers: withoutOrigin, data: action!.body ?? undefined, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "我的任务" })).toBeVisible();

    // The very same request with its Origin is a working logout.
    const applied = await page.request.post(action!.url, { headers: action!.headers, data: action!.body ?? undefined, maxRedirects: 0 });
    expect(applied.status()).not.toBe(403);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a route handler refuses a foreign or missing Origin; the signed webhook alone needs none", async ({ request, baseURL }) => {
    const foreign = await request.post("/api/auth/signout", { headers: { Origin: "https://evil.example" }, form: { csrfToken: "x" } });
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toContain("请求来源与本平台不符");
    expect((await request.post("/api/auth/callback/credentials", { form: { email: "a@b.cn", password: "x" } })).status()).toBe(403);
    expect((await request.post("/api/auth/callback/credentials", { headers: { Origin: "null" }, form: { email: "a@b.cn", password: "x" } })).status()).toBe(403);
    // Our own origin passes the proxy (next-auth then wants its CSRF token and redirects).
    expect((await request.post("/api/auth/signout", { headers: { Origin: baseURL! }, maxRedirects: 0 })).status()).not.toBe(403);

    // A body over the limit is refused with a sentence, before Next.js would cut it and answer a bare 500.
    const tooLarge = await request.post("/", { headers: { Origin: baseURL!, "Content-Type": "application/octet-stream" }, data: Buffer.alloc(13 * 1024 * 1024) });
    expect(tooLarge.status()).toBe(413);
    expect(await tooLarge.text()).toContain("提交的内容超过 12 MB，未被接收");

    const webhook = await request.post("/api/webhooks/resend", { data: { type: "email.bounced" } });
    expect(webhook.status()).toBe(401);
    expect(await webhook.json()).toEqual({ error: "invalid signature" });
  });
});
