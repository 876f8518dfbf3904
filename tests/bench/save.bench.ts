// `npm run bench -- save`: 「保存」 of one row through the real server action (a POST to the table page with
// the Next-Action header, as the form sends it) against a bare route handler that runs the same command
// (app/bench/save-row/route.bench.ts, only in the bench build), interleaved (action, route, × 6: on a shared
// machine more alternations steady the ratio more than longer runs) at 16 connections on a province of 20,000
// units. Prints saves/s, latency, node CPU per save, and the ratios.
// BENCH_SECONDS shortens the runs (default 15), BENCH_UNITS resizes the province.
import { openBenchApp } from "./support/app";
import { createBenchDatabase } from "./support/fixture";
import { benchSeconds, interleaved, medians, runLoad } from "./support/load";
import { rowSaves, signInFillers } from "./support/world";

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const SECONDS = benchSeconds(15);
const ROUNDS = 6;
const CONNECTIONS = 16;

const database = await createBenchDatabase({ units: UNITS });
console.log(`database: ${database.units} units, ${database.filledRows} rows filled in; runs of ${SECONDS} s at ${CONNECTIONS} connections`);
const { db, app, close } = await openBenchApp(database, "save");
try {
  const { save, counts, reclaim } = await rowSaves(db, app, await signInFillers(db, database));
  const saves = (via: "action" | "route") => async () => {
    await app.settle();
    await reclaim();
    const cpuBefore = app.cpuMs();
    const savedBefore = counts.saved;
    const figures = await runLoad({ baseUrl: app.baseUrl, connections: CONNECTIONS, seconds: SECONDS, steps: [() => save(via, () => ({ method: "GET", path: "/healthz", headers: {} }))] });
    const saved = counts.saved - savedBefore;
    return { savesPerSecond: saved / SECONDS, p50: figures.p50, p99: figures.p99, cpuMsPerSave: (app.cpuMs() - cpuBefore) / Math.max(1, saved), errors: figures.errors };
  };
  const runs = await interleaved(ROUNDS, { "server action": saves("action"), "route handler": saves("route") });
  const action = medians(runs["server action"]);
  const route = medians(runs["route handler"]);
  const show = (f: typeof action) => `${f.savesPerSecond.toFixed(1)} saves/s, p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms, ${f.cpuMsPerSave.toFixed(1)} ms node CPU per save, ${f.errors} errors`;
  console.log(`medians of ${ROUNDS} runs of ${SECONDS} s:`);
  console.log(`  server action: ${show(action)}`);
  console.log(`  route handler: ${show(route)}`);
  console.log(`  ratio action/route: ${(action.savesPerSecond / route.savesPerSecond).toFixed(2)}× saves/s, ${(action.cpuMsPerSave / route.cpuMsPerSave).toFixed(2)}× CPU per save`);
  console.log(`  ${counts.refused} saves refused, ${counts.skipped} skipped (every county row held by a save not yet answered)`);
} finally {
  await close();
}
process.exit(0);
