// `npm run bench pages`: how many bytes 石家庄's table page, a search of it and its print view send for a
// 2,545-row table (2,000 rows filled), as HTML and as the RSC payload a client-side navigation fetches;
// and the plans PostgreSQL runs for one row save (auto_explain of every statement of the command).
// Uses the production build in the app folder (`npm run build` first) and a database of its own, dropped
// at the end. `node --import tsx tests/bench/pages.bench.ts --app DIR` measures the pages of another
// checkout's build (e.g. main's) against the same data; the plans are always this checkout's save.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Db } from "@/db/index";

// The domain modules are server-only: load them the way the server does.
if (!process.execArgv.includes("--conditions=react-server")) {
  const run = spawnSync(process.execPath, ["--conditions=react-server", ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}

const { chromium } = await import("@playwright/test");
const { sql } = await import("drizzle-orm");
const { createDb } = await import("@/db/index");
const { migrateDatabase } = await import("@/db/migrate");
const { DEMO_LOGINS, seedDatabase } = await import("@/db/seed");
const { executeCommand } = await import("@/lib/core/command");
const { saveRowCommand } = await import("@/lib/roster/commands");
const { choosePostgresServer, databaseUrl, dropDatabase, recreateDatabase } = await import("../support/postgres");
const { freePort, waitUntilServing } = await import("../support/production-app");

const SCHOOLS = 2500;
const FILLED = 2000;
const { values: args } = parseArgs({ options: { app: { type: "string", default: fileURLToPath(new URL("../..", import.meta.url)) } } });
const appDir = args.app!;
const city = DEMO_LOGINS.find((l) => l.role === "city_officer")!;

if (!existsSync(join(appDir, ".next/BUILD_ID"))) {
  console.error(`No production build in ${appDir}: run npm run build there first.`);
  process.exit(1);
}

const server = await choosePostgresServer();
const name = `baosong_bench_pages_${randomBytes(4).toString("hex")}`;
await recreateDatabase(server.url, name);
const url = databaseUrl(server.url, name);
const { db, client } = createDb(url, { max: 2 });
try {
  await migrateDatabase(url);
  await seedDatabase(db, { now: new Date() });
  const submissionId = await longTable(db);
  await explainSave(url, submissionId);
  await measurePages(url, submissionId);
} finally {
  await client.end();
  await dropDatabase(server.url, name);
  await server.stop();
}

/** 石家庄 with 2,500 more schools, 2,000 of its rows filled; returns its submission. */
async function longTable(db: Db): Promise<number> {
  const [unit] = await db.execute<{ id: number }>(sql`select id from units where code = '1301'`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, school_code, sort_order)
    select '3613' || lpad(i::text, 6, '0'), '压测示例学校' || i, 'school', ${unit.id}, '3613' || lpad(i::text, 6, '0'), 1000 + i
    from generate_series(800001, ${800000 + SCHOOLS}) i`);
  const [submission] = await db.execute<{ id: number; campaign_id: number }>(sql`select id, campaign_id from submissions where unit_id = ${unit.id}`);
  await db.execute(sql`
    insert into roster_entries (campaign_id, submission_id, unit_id, name, position, phone, email, school_code)
    select ${submission.campaign_id}, ${submission.id}, u.id, '王伟', '信息中心主任', '139' || lpad(u.id::text, 8, '0'), 'admin' || u.id || '@example.com', u.school_code
    from units u where u.code like '36138%' order by u.code limit ${FILLED}`);
  await db.execute(sql`analyze`);
  const [{ rows }] = await db.execute<{ rows: number }>(sql`select count(*)::int as rows from roster_entries`);
  console.log(`石家庄: ${SCHOOLS} more schools; ${rows} rows filled in roster_entries`);
  return submission.id;
}

/** Runs one update and one first save of a row with every statement's plan sent back as a notice. */
async function explainSave(url: string, submissionId: number): Promise<void> {
  const plans: string[] = [];
  const explained = createDb(url, { max: 1, onnotice: (notice) => plans.push(String(notice.message)) });
  try {
    await explained.db.execute(sql`load 'auto_explain'`);
    await explained.db.execute(sql`set auto_explain.log_min_duration = 0`);
    await explained.db.execute(sql`set auto_explain.log_level = notice`);
    await explained.db.execute(sql`set auto_explain.log_nested_statements = on`);
    await explained.db.execute(sql`set auto_explain.log_analyze = on`);
    const actor = await cityActor(explained.db);
    const [filled] = await explained.db.execute<{ unit_id: number; version: number; school_code: string }>(
      sql`select unit_id, version, school_code from roster_entries where submission_id = ${submissionId} order by unit_id desc limit 1`,
    );
    const [empty] = await explained.db.execute<{ id: number; school_code: string }>(
      sql`select id, school_code from units where code like '36138%' and id not in (select unit_id from roster_entries) limit 1`,
    );
    const row = { submissionId, name: "赵敏", position: "教务处主任", phone: "13900139000", email: "zhaomin@example.com" };
    for (const [what, input] of [
      ["update of a filled row", { ...row, unitId: filled.unit_id, expectedVersion: filled.version, schoolCode: filled.school_code }],
      ["first save of an empty row", { ...row, unitId: empty.id, expectedVersion: null, schoolCode: empty.school_code }],
    ] as const) {
      plans.length = 0;
      const result = await executeCommand(saveRowCommand, input, { db: explained.db, actor, ip: "127.0.0.1", now: new Date() });
      if (!result.ok) throw new Error(`save refused: ${JSON.stringify(result)}`);
      const rosterPlans = plans.filter((p) => /roster_entries/.test(p));
      console.log(`\n-- ${what}: ${plans.length} statements, ${rosterPlans.length} touching roster_entries`);
      for (const plan of rosterPlans) console.log(plan.replace(/^duration: [\d.]+ ms\s+/, ""));
      const scans = plans.filter((p) => /Seq Scan on roster_entries/.test(p)).length;
      console.log(`-- ${what}: ${scans} statement(s) with a sequential scan of roster_entries`);
    }
  } finally {
    await explained.client.end();
  }
}

async function cityActor(db: Db) {
  const [user] = await db.execute<{ id: number; name: string; email: string; role: "city_officer"; unit_id: number; unit_name: string; unit_kind: "city_bureau" }>(sql`
    select u.id, u.name, u.email, u.role, u.unit_id, un.name as unit_name, un.kind as unit_kind
    from users u join units un on un.id = u.unit_id where u.email = ${city.email}`);
  return { userId: user.id, sessionId: "bench", name: user.name, email: user.email, role: user.role, unitId: user.unit_id, unitName: user.unit_name, unitKind: user.unit_kind };
}

async function measurePages(url: string, submissionId: number): Promise<void> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, ["--import", "tsx", join(appDir, "lib/launcher/server.ts"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString("base64url"), AUTH_TRUST_HOST: "true", NODE_ENV: "production", MAIL_TRANSPORT: "local", APP_URL: baseURL },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await waitUntilServing(baseURL, app, "its stderr above");
    const page = await browser.newPage({ baseURL });
    await page.goto("/login");
    await page.getByTestId("login-email").fill(city.email);
    await page.getByTestId("login-password").fill(city.password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("header-user").waitFor();

    const table = `/submissions/${submissionId}`;
    console.log(`\n${"page".padEnd(34)}${"HTML bytes".padStart(12)}${"RSC bytes".padStart(12)}`);
    for (const [label, path] of [
      ["table, first page", table],
      ["table, page 20", `${table}?page=20`],
      ["table, search 压测示例学校802400", `${table}?q=${encodeURIComponent("压测示例学校802400")}`],
      ["table, 未填 only", `${table}?state=empty`],
      ["print view (every row)", `${table}/print`],
    ] as const) {
      const html = await page.request.get(path);
      const rsc = await page.request.get(path, { headers: { RSC: "1" } });
      if (!html.ok() || !rsc.ok()) throw new Error(`${path}: ${html.status()} / ${rsc.status()}`);
      console.log(`${label.padEnd(34)}${String((await html.body()).length).padStart(12)}${String((await rsc.body()).length).padStart(12)}`);
    }
  } finally {
    await browser.close();
    app.kill("SIGTERM");
    await once(app, "exit");
  }
}
