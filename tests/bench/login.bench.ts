// `npm run bench -- login`: what a burst of sign-ins costs everyone else. 我的任务 at 8 connections alone, against
// the same pages while 16 more connections sign in without pause (Auth.js's credentials callback, the path the login
// form's action takes: argon2id, the session row, the audit row), interleaved (alone, burst, × 3) on a province of
// 20,000 units. Prints the pages' req/s and p99 each way, the sign-ins per second and the ratio.
// Target: the pages keep at least 0.7× their throughput. BENCH_SECONDS shortens the runs (default 30).
import { openBenchApp } from "./support/app";
import { BENCH_PASSWORD, createBenchDatabase } from "./support/fixture";
import { benchSeconds, type Call, interleaved, medians, runLoad } from "./support/load";
import { signInFillers } from "./support/world";

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const SECONDS = benchSeconds(30);
const PAGE_CONNECTIONS = 8;
const LOGIN_CONNECTIONS = 16;
const TARGET_RATIO = 0.7;

const database = await createBenchDatabase({ units: UNITS });
console.log(`database: ${database.units} units; runs of ${SECONDS} s, pages at ${PAGE_CONNECTIONS} connections, sign-ins at ${LOGIN_CONNECTIONS}`);
const { db, app, close } = await openBenchApp(database, "login");
try {
  const fillers = await signInFillers(db, database);
  let turn = 0;
  const home = (): Call => ({ method: "GET", path: "/", headers: { cookie: fillers[turn++ % fillers.length].cookie } });

  // One CSRF pair (cookie and token) serves every sign-in: Auth.js checks the token against its cookie.
  const csrf = await fetch(`${app.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const signIns = { ok: 0, refused: 0 };
  let next = 0;
  const signInCall = (): Call => ({
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { cookie: csrfCookie, origin: app.baseUrl, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: database.cityOfficers[next++ % database.cityOfficers.length], password: BENCH_PASSWORD, csrfToken }).toString(),
    answered(status) {
      // A signed-in answer redirects with the session cookie; a refusal redirects to the login page with an error.
      if (status === 302) signIns.ok++;
      else signIns.refused++;
    },
  });

  const pagesAlone = async () => {
    await app.settle();
    const pages = await runLoad({ baseUrl: app.baseUrl, connections: PAGE_CONNECTIONS, seconds: SECONDS, steps: [home] });
    return { perSecond: pages.perSecond, p99: pages.p99, errors: pages.errors, signInsPerSecond: 0 };
  };
  const pagesDuringBurst = async () => {
    await app.settle();
    const before = signIns.ok;
    const [pages] = await Promise.all([
      runLoad({ baseUrl: app.baseUrl, connections: PAGE_CONNECTIONS, seconds: SECONDS, steps: [home] }),
      runLoad({ baseUrl: app.baseUrl, connections: LOGIN_CONNECTIONS, seconds: SECONDS, steps: [signInCall] }),
    ]);
    return { perSecond: pages.perSecond, p99: pages.p99, errors: pages.errors, signInsPerSecond: (signIns.ok - before) / SECONDS };
  };
  const runs = await interleaved(3, { "pages alone": pagesAlone, "pages during a sign-in burst": pagesDuringBurst });
  const alone = medians(runs["pages alone"]);
  const burst = medians(runs["pages during a sign-in burst"]);
  const ratio = burst.perSecond / alone.perSecond;
  console.log(`medians of 3 runs of ${SECONDS} s:`);
  console.log(`  我的任务 alone:            ${alone.perSecond.toFixed(1)} req/s, p99 ${alone.p99.toFixed(0)} ms, ${alone.errors} errors`);
  console.log(`  我的任务 during the burst: ${burst.perSecond.toFixed(1)} req/s, p99 ${burst.p99.toFixed(0)} ms, ${burst.errors} errors; ${burst.signInsPerSecond.toFixed(1)} sign-ins/s`);
  console.log(`  sign-ins: ${signIns.ok} signed in, ${signIns.refused} refused`);
  console.log(`  ratio during / alone: ${ratio.toFixed(2)}× req/s; target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO && signIns.refused === 0 ? "met" : "NOT met"}`);
} finally {
  await close();
}
process.exit(0);
