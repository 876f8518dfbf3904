// `npm run bench -- surge`: the deadline rush against the production build on the national seed grown to 20,000
// units, Hebei's city officers filling Hebei's campaign: 35% 我的任务, 35% the city's table, 20% row saves (the
// server action), 10% the city's dashboard, at 16 and at 64 connections, interleaved (16, 64, 16, 64, 16, 64).
// Prints each run, the medians and the ratio of 64 to 16. BENCH_SECONDS shortens the runs (default 60), BENCH_UNITS
// resizes the registry (default 20,000), BENCH_SEED=province grows Hebei alone to that size instead (石家庄's table
// then holds ~2,500 rows). BENCH_WEB sets the web processes (default one per core, behind a round-robin balancer). A page slower than the run is never answered within it: the percentiles leave such
// requests out, and the count of requests unanswered at the end says how many there were.
// A warm-up of up to 15 s goes first, unmeasured. Target at 16 connections: no errors, p99 under 1 s.
import { availableParallelism } from "node:os";
import { openBenchApp } from "./support/app";
import { benchSeed, createBenchDatabase } from "./support/fixture";
import { benchSeconds, type Call, interleaved, type LoadFigures, medians, runLoad } from "./support/load";
import { type Filler, rowSaves, signInFillers } from "./support/world";

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const SECONDS = benchSeconds(60);
const TARGET_P99_MS = 1000;
const WARM_UP_SECONDS = Math.min(15, SECONDS);

const SEED = benchSeed("national");
/** Web processes: one per core, as docs/deployment.md runs them (BENCH_WEB=1 for a single one). */
const WEB = Number(process.env.BENCH_WEB ?? availableParallelism());

const database = await createBenchDatabase({ units: UNITS, seed: SEED });
console.log(`database: the ${SEED} seed grown to ${database.units} units, ${database.filledRows} rows of Hebei's campaign filled in; ${WEB} web process(es); runs of ${SECONDS} s`);
const { db, app, close } = await openBenchApp(database, "surge", { processes: WEB });
try {
  const fillers = await signInFillers(db, database);
  const { save, counts, reclaim } = await rowSaves(db, app, fillers);
  // The officers take turns; each request goes out as the next one's.
  let turn = 0;
  const next = () => fillers[turn++ % fillers.length];
  const page = (path: (f: Filler) => string) => (): Call => {
    const filler = next();
    return { method: "GET", path: path(filler), headers: { cookie: filler.cookie } };
  };
  const home = page(() => "/");
  const table = page((f) => `/submissions/${f.submissionId}`);
  const dashboard = page(() => `/dashboard?campaign=${database.campaignId}`);
  const saveRow = () => save("action", table);
  // 20 steps: 7 + 7 + 4 + 2, spread out; a save is never the last step (autocannon starts each round afresh).
  const steps = [home, table, saveRow, home, table, dashboard, home, table, saveRow, home, table, home, saveRow, table, dashboard, home, table, saveRow, table, home];

  const mix = (connections: number) => async (): Promise<LoadFigures & { rssMb: number }> => {
    await app.settle();
    await reclaim();
    const figures = await runLoad({ baseUrl: app.baseUrl, connections, seconds: SECONDS, steps });
    return { ...figures, rssMb: app.memory().rssMb };
  };
  // Fresh processes compile their code on the first requests: warm them up before anything is measured.
  await runLoad({ baseUrl: app.baseUrl, connections: 16, seconds: WARM_UP_SECONDS, steps });
  const runs = await interleaved(3, { "16 connections": mix(16), "64 connections": mix(64) });
  const at16 = medians(runs["16 connections"]);
  const at64 = medians(runs["64 connections"]);
  const show = (f: LoadFigures & { rssMb: number }) =>
    `${f.perSecond.toFixed(1)} req/s, p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms, ${f.errors} errors, ${f.unanswered} unanswered at the end, server RSS ${f.rssMb} MB`;
  console.log(`medians of 3 runs of ${SECONDS} s:`);
  console.log(`  16 connections: ${show(at16)}`);
  console.log(`  64 connections: ${show(at64)}`);
  console.log(`  ratio 64/16: ${(at64.perSecond / at16.perSecond).toFixed(2)}× req/s, ${(at64.p99 / at16.p99).toFixed(2)}× p99`);
  console.log(`  saves: ${counts.saved} saved, ${counts.refused} refused, ${counts.skipped} sent as a table page instead (every county row held by a save not yet answered); server peak RSS ${app.memory().peakMb} MB`);
  const ok = at16.errors === 0 && at16.p99 < TARGET_P99_MS && counts.refused === 0;
  console.log(`target at 16 connections (0 errors, p99 < ${TARGET_P99_MS} ms, no save refused): ${ok ? "met" : "NOT met"}`);
} finally {
  await close();
}
process.exit(0);
