// `npm run bench -- dashboard`: the province's dashboard over 20,000 units. First its query (uncached, the way
// a cache miss runs it), then the page (the production build, served from its 5-second cache) against a plain
// node:http page running the same query on every request (tests/bench/support/plain-dashboard.ts),
// interleaved (page, plain, × 3) at 16 connections. BENCH_SECONDS shortens the runs (default 20).
// Targets (issue 12 item 5): the query under 10 ms; the page at least 0.8× the plain page's requests/s.
import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@/db/index";
import { DEMO_LOGINS } from "@/db/seed";
import { getSignedInBySession } from "@/lib/auth/sessions";
import { getDashboardByActor } from "@/lib/dashboard/queries";
import { freePort, root, stopProcess, waitUntilServing } from "../support/production-app";
import { startBenchApp } from "./support/app";
import { BENCH_PASSWORD, createBenchDatabase } from "./support/fixture";
import { benchSeconds, interleaved, median, medians, runLoad } from "./support/load";
import { signIn } from "./support/sessions";

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const SECONDS = benchSeconds(20);
const CONNECTIONS = 16;
const QUERY_RUNS = 30;
const TARGET_QUERY_MS = 10;
const TARGET_RATIO = 0.8;

const database = await createBenchDatabase({ units: UNITS });
console.log(`database: ${database.units} units, ${database.filledRows} rows filled in`);
const { db, client } = createDb(database.url, { max: 2 });
const app = await startBenchApp(database, "dashboard").catch(async (error) => {
  await client.end();
  await database.drop();
  throw error;
});
const plainPort = await freePort();
const plainLog = join(root, "test-results/bench-dashboard-plain.log");
try {
  const admin = await signIn(db, DEMO_LOGINS.find((l) => l.role === "province_admin")!.email, BENCH_PASSWORD);
  const actor = (await getSignedInBySession({ db, sessionId: admin.sessionId, now: new Date() }))!.actor;

  const times: number[] = [];
  for (let i = 0; i <= QUERY_RUNS; i++) {
    const started = performance.now();
    await getDashboardByActor({ db, actor, campaignId: database.campaignId, now: new Date() });
    if (i > 0) times.push(performance.now() - started);
  }
  const queryMs = median(times);
  console.log(`province dashboard query: median ${queryMs.toFixed(1)} ms over ${QUERY_RUNS} runs (target < ${TARGET_QUERY_MS} ms: ${queryMs < TARGET_QUERY_MS ? "met" : "NOT met"})`);

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
      return runLoad({ baseUrl, connections: CONNECTIONS, seconds: SECONDS, steps: [() => ({ method: "GET", path, headers: { cookie } })] });
    };
    const runs = await interleaved(3, {
      "dashboard page": load(app.baseUrl, `/dashboard?campaign=${database.campaignId}`, admin.cookie),
      "plain node:http page": load(plainUrl, "/", ""),
    });
    const page = medians(runs["dashboard page"]);
    const bare = medians(runs["plain node:http page"]);
    const show = (f: typeof page) => `${f.perSecond.toFixed(1)} req/s, p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms, ${f.errors} errors`;
    console.log(`medians of 3 runs of ${SECONDS} s at ${CONNECTIONS} connections:`);
    console.log(`  dashboard page:       ${show(page)}`);
    console.log(`  plain node:http page: ${show(bare)}`);
    const ratio = page.perSecond / bare.perSecond;
    console.log(`  ratio page/plain: ${ratio.toFixed(2)}× (target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? "met" : "NOT met"})`);
  } finally {
    await stopProcess(plain);
  }
} finally {
  await client.end();
  await app.stop();
  await database.drop();
}
process.exit(0);
