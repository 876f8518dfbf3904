// `npm run bench -- growth`: the table page (石家庄's), the review queue, a review page (唐山's) and the dashboard (province's and
// 石家庄's) at 2,000, 20,000 and 100,000 units (BENCH_SIZES=2000,20000 to leave the largest out), each on a
// fresh database and server. Prints each page's median time and size per size, the province dashboard query
// itself (uncached; the page is served from its 5-second cache), and each figure's growth against the
// previous size beside the growth in units: a page should grow at most as fast as what it shows.
import { sql } from "drizzle-orm";
import { createDb } from "@/db/index";
import { DEMO_LOGINS } from "@/db/seed";
import { getDashboardByActor } from "@/lib/dashboard/queries";
import { getSignedInBySession } from "@/lib/auth/sessions";
import { startBenchApp } from "./support/app";
import { BENCH_PASSWORD, createBenchDatabase } from "./support/fixture";
import { median } from "./support/load";
import { type PageTime, timePage } from "./support/pages";
import { signIn } from "./support/sessions";

const SIZES = (process.env.BENCH_SIZES ?? "2000,20000,100000").split(",").map(Number);
const QUERY_RUNS = 10;
const emailOf = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;

type Figures = Record<string, PageTime>;
const results: { units: number; rows: number; figures: Figures }[] = [];

for (const size of SIZES) {
  const database = await createBenchDatabase({ units: size });
  const { db, client } = createDb(database.url, { max: 2 });
  const app = await startBenchApp(database, "growth");
  try {
    const city = await signIn(db, database.cityOfficers[0], BENCH_PASSWORD);
    const reviewer = await signIn(db, emailOf("province_reviewer"), BENCH_PASSWORD);
    const admin = await signIn(db, emailOf("province_admin"), BENCH_PASSWORD);
    const [{ id: submissionId }] = await db.execute<{ id: number }>(sql`select id from submissions where campaign_id = ${database.campaignId} and unit_id = ${city.unitId}`);
    // 唐山's table handed in, for its review page (石家庄's stays a draft for its table page).
    const [{ id: reviewedId }] = await db.execute<{ id: number }>(sql`
      update submissions s set status = 'submitted', submitted_at = now() from users o
      where o.email = ${database.cityOfficers[1]} and s.unit_id = o.unit_id and s.campaign_id = ${database.campaignId} returning s.id`);
    const campaign = database.campaignId;
    // The slowest page last: one given up on is still being rendered for a while.
    const pages: [string, string, string][] = [
      ["review queue", `/review?campaign=${campaign}`, reviewer.cookie],
      ["review page (唐山)", `/review/${reviewedId}`, reviewer.cookie],
      ["dashboard page (province)", `/dashboard?campaign=${campaign}`, admin.cookie],
      ["dashboard page (石家庄)", `/dashboard?campaign=${campaign}`, city.cookie],
      ["table page (石家庄)", `/submissions/${submissionId}`, city.cookie],
    ];
    const figures: Figures = { "dashboard query (province)": await timeQuery(db, admin.sessionId, campaign) };
    for (const [name, path, cookie] of pages) figures[name] = await timePage(app.baseUrl, path, cookie);
    results.push({ units: database.units, rows: database.filledRows, figures });
    console.log(`${database.units} units, ${database.filledRows} rows filled in:`);
    for (const [name, f] of Object.entries(figures)) console.log(`  ${name.padEnd(28)} ${show(f)}`);
  } finally {
    await client.end();
    await app.stop();
    await database.drop();
  }
}

console.log("\ngrowth against the previous size (time ×, bytes ×; units ×):");
for (let i = 1; i < results.length; i++) {
  const [before, after] = [results[i - 1], results[i]];
  console.log(`  ${before.units} → ${after.units} units (${(after.units / before.units).toFixed(1)}×):`);
  for (const name of Object.keys(after.figures)) {
    const [b, a] = [before.figures[name], after.figures[name]];
    if ("over" in a || "over" in b) console.log(`    ${name.padEnd(28)} ${"over" in a ? `over ${a.over / 1000} s at ${after.units} units` : ""}`);
    else console.log(`    ${name.padEnd(28)} time ${(a.ms / b.ms).toFixed(2)}×${a.bytes ? `, bytes ${(a.bytes / b.bytes).toFixed(2)}×` : ""}`);
  }
}
process.exit(0);

function show(f: PageTime): string {
  if ("over" in f) return `over ${f.over / 1000} s: given up`;
  return `${f.ms.toFixed(1).padStart(8)} ms ${f.bytes ? `${(f.bytes / 1024).toFixed(1).padStart(8)} KB` : ""}`;
}

/** The province dashboard's query as the page's cache runs it on a miss: median of QUERY_RUNS. */
async function timeQuery(db: Parameters<typeof getDashboardByActor>[0]["db"], sessionId: string, campaignId: number): Promise<PageTime> {
  const signedIn = await getSignedInBySession({ db, sessionId, now: new Date() });
  const times: number[] = [];
  for (let i = 0; i <= QUERY_RUNS; i++) {
    const started = performance.now();
    await getDashboardByActor({ db, actor: signedIn!.actor, campaignId, now: new Date() });
    if (i > 0) times.push(performance.now() - started);
  }
  return { ms: median(times), bytes: 0 };
}
