// `npm run bench -- dashboard`: the province's dashboard over 20,000 units. First its query (uncached, the way
// a cache miss runs it), then the page (the production build, served from its 5-second cache) against a plain
// node:http page running the same query on every request (tests/bench/support/plain-dashboard.ts),
// interleaved (page, plain, × 3) at 16 connections. BENCH_SECONDS shortens the runs (default 20).
// Targets (issue 12 item 5): the query under 10 ms; the page at least 0.8× the plain page's requests/s.
// Two more runs in the same rounds show what Next.js itself costs here: the portal's cheapest page (the sign-in
// page: no session, no query) and a route handler that does nothing (/healthz).
// BENCH_QUERY_ONLY=1 measures the query alone (no build, no page).
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { createDb } from "@/db/index";
import { DEMO_LOGINS } from "@/db/seed";
import { getSignedInBySession } from "@/lib/auth/sessions";
import { getDashboardByActor } from "@/lib/dashboard/queries";
import { subtree } from "@/lib/units/tree";
import { freePort, root, stopProcess, waitUntilServing } from "../support/production-app";
import { actAgainstApp, startBenchApp } from "./support/app";
import { BENCH_PASSWORD, createBenchDatabase } from "./support/fixture";
import { benchSeconds, interleaved, median, medians, runLoad } from "./support/load";
import { signIn } from "./support/sessions";

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const SECONDS = benchSeconds(20);
const CONNECTIONS = 16;
const QUERY_RUNS = 30;
const TARGET_QUERY_MS = 10;
const TARGET_RATIO = 0.8;
const QUERY_ONLY = process.env.BENCH_QUERY_ONLY === "1";

const database = await createBenchDatabase({ units: UNITS });
console.log(`database: ${database.units} units, ${database.filledRows} rows filled in`);
const { db, client } = createDb(database.url, { max: 2 });
if (QUERY_ONLY) actAgainstApp(database, "http://127.0.0.1");
const app = QUERY_ONLY ? null : await startBenchApp(database, "dashboard").catch(async (error) => {
  await client.end();
  await database.drop();
  throw error;
});
const plainPort = await freePort();
const plainLog = join(root, "test-results/bench-dashboard-plain.log");
try {
  const admin = await signIn(db, DEMO_LOGINS.find((l) => l.role === "province_admin")!.email, BENCH_PASSWORD);
  const actor = (await getSignedInBySession({ db, sessionId: admin.sessionId, now: new Date() }))!.actor;

  // The query against the naive count it replaced (a recursive walk of every unit from each reporting unit,
  // joined to its rows; counts only, so a lower bound of the former query), alternating run by run.
  const campaignId = database.campaignId;
  const naive = sql`
    select t.root_id, count(*)::int as expected, count(e.id)::int as filled
    from ${subtree({ roots: sql`(select unit_id from campaign_assignments where campaign_id = ${campaignId})`, activeOnly: true })} t
    left join roster_entries e on e.campaign_id = ${campaignId} and e.unit_id = t.id
    group by t.root_id`;
  const times = { query: [] as number[], naive: [] as number[] };
  for (let i = 0; i <= QUERY_RUNS; i++) {
    for (const [name, read] of [["query", () => getDashboardByActor({ db, actor, campaignId, now: new Date() })], ["naive", () => db.execute(naive)]] as const) {
      const started = performance.now();
      await read();
      if (i > 0) times[name].push(performance.now() - started);
    }
  }
  const queryMs = median(times.query);
  console.log(`province dashboard query (lines, totals, chart): median ${queryMs.toFixed(1)} ms over ${QUERY_RUNS} runs (target < ${TARGET_QUERY_MS} ms: ${queryMs < TARGET_QUERY_MS ? "met" : "NOT met"})`);
  console.log(`  the naive recursive count alone, interleaved: median ${median(times.naive).toFixed(1)} ms; ratio ${(queryMs / median(times.naive)).toFixed(2)}×`);

  if (app) {
    const plain = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", fileURLToPath(new URL("./support/plain-dashboard.ts", import.meta.url)), String(plainPort)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.appUrl, BENCH_ACTOR: JSON.stringify(actor), BENCH_CAMPAIGN: String(database.campaignId) },
      stdio: ["ignore", openSync(plainLog, "w"), openSync(plainLog, "a")],
    });
    const plainUrl = `http://127.0.0.1:${plainPort}`;
    try {
      await waitUntilServing(plainUrl, plain, plainLog);
      const load = (baseUrl: string, path: string, cookie: string) => async () => {
        await app.settle();
        const cpuBefore = app.cpuMs();
        const figures = await runLoad({ baseUrl, connections: CONNECTIONS, seconds: SECONDS, steps: [() => ({ method: "GET", path, headers: { cookie } })] });
        // The portal server's CPU (for the plain page it only idles): where the page's time goes.
        return { ...figures, portalCpuMsPerRequest: (app.cpuMs() - cpuBefore) / Math.max(1, figures.requests) };
      };
      const runs = await interleaved(3, {
        "dashboard page": load(app.baseUrl, `/dashboard?campaign=${database.campaignId}`, admin.cookie),
        "plain node:http page": load(plainUrl, "/", ""),
        "sign-in page": load(app.baseUrl, "/login", ""),
        "/healthz route handler": load(app.baseUrl, "/healthz", ""),
      });
      const page = medians(runs["dashboard page"]);
      const bare = medians(runs["plain node:http page"]);
      const floor = { signIn: medians(runs["sign-in page"]), handler: medians(runs["/healthz route handler"]) };
      const show = (f: typeof page) => `${f.perSecond.toFixed(1)} req/s, p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms, ${f.errors} errors`;
      console.log(`  portal node CPU per dashboard page: ${page.portalCpuMsPerRequest.toFixed(1)} ms`);
      console.log(`medians of 3 runs of ${SECONDS} s at ${CONNECTIONS} connections:`);
      console.log(`  dashboard page:       ${show(page)}`);
      console.log(`  plain node:http page: ${show(bare)}`);
      const ratio = page.perSecond / bare.perSecond;
      console.log(`  ratio page/plain: ${ratio.toFixed(2)}× (target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? "met" : "NOT met"})`);
      console.log(`what Next.js costs on this machine, against the plain page:`);
      console.log(`  sign-in page (no session, no query): ${show(floor.signIn)}, node CPU ${floor.signIn.portalCpuMsPerRequest.toFixed(1)} ms; ratio ${(floor.signIn.perSecond / bare.perSecond).toFixed(2)}×`);
      console.log(`  /healthz route handler (no work):    ${show(floor.handler)}, node CPU ${floor.handler.portalCpuMsPerRequest.toFixed(1)} ms; ratio ${(floor.handler.perSecond / bare.perSecond).toFixed(2)}×`);
    } finally {
      await stopProcess(plain);
    }
  }
} finally {
  await client.end();
  await app?.stop();
  await database.drop();
}
process.exit(0);
