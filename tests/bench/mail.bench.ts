// `npm run bench`: the dashboard's queries over 20,000 units (first, while the server is quiet); then
// 10,000 reminders queued by the scheduling tick and dispatched through the Resend SDK to the fake
// provider at the configured rate.
// Targets (issue 6): all 10,000 sent in 100 calls with none twice; the dashboard query under 50 ms.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// The dashboard queries are server-only modules: load them the way the server does.
if (!process.execArgv.includes("--conditions=react-server")) {
  const run = spawnSync(process.execPath, ["--conditions=react-server", ...process.execArgv, fileURLToPath(import.meta.url)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}

const { sql } = await import("drizzle-orm");
const { createDb } = await import("@/db/index");
const { migrateDatabase } = await import("@/db/migrate");
const { choosePostgresServer, databaseUrl, dropDatabase, recreateDatabase } = await import("../support/postgres");
const { FakeResend } = await import("../support/fake-resend");

const REMINDERS = 10_000;
const UNITS = 20_000;
const DASHBOARD_TARGET_MS = 50;

const server = await choosePostgresServer();
const mailDb = "baosong_bench_mail";
const dashboardDb = "baosong_bench_dashboard";
for (const name of [mailDb, dashboardDb]) {
  await recreateDatabase(server.url, name);
  await migrateDatabase(databaseUrl(server.url, name));
}
// lib/env.ts reads these on first use (email links, the rate).
process.env.DATABASE_URL = databaseUrl(server.url, mailDb);
process.env.AUTH_SECRET ??= "baosong-bench-secret-0123456789abcdef";

const { env } = await import("@/lib/env");
const { runReminderTick } = await import("@/lib/reminders/tick");
const { createDispatcher } = await import("@/lib/mail/dispatch");
const { createPacer } = await import("@/lib/mail/pacer");
const { resendSender } = await import("@/lib/mail/senders");
const { getDashboardByActor } = await import("@/lib/dashboard/queries");

const failures: string[] = [];
const ms = (start: number) => performance.now() - start;

// ---- the dashboard over 20,000 units ------------------------------------------------------------
{
  const { db, client } = createDb(databaseUrl(server.url, dashboardDb), { max: 4 });
  const CITIES = 14;
  const COUNTIES_PER_CITY = 12;
  const SCHOOLS_PER_COUNTY = 117;
  await db.execute(sql`insert into units (code, name, kind) values ('MOE', '教育部', 'ministry')`);
  await db.execute(sql`insert into units (code, name, kind, reporting_parent_id) values ('DP', '基准省教育厅', 'province_bureau', (select id from units where code = 'MOE'))`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, sort_order)
    select 'DC' || c, '基准市' || c || '教育局', 'city_bureau', (select id from units where code = 'DP'), c from generate_series(1, ${CITIES}) c`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, sort_order)
    select p.code || 'K' || k, p.name || '第' || k || '县教育局', 'county_bureau', p.id, k
    from units p cross join generate_series(1, ${COUNTIES_PER_CITY}) k where p.kind = 'city_bureau'`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, sort_order)
    select p.code || 'S' || s, p.name || '第' || s || '学校', 'school', p.id, s
    from units p cross join generate_series(1, ${SCHOOLS_PER_COUNTY}) s where p.kind = 'county_bureau'`);
  // Schools directly under the cities make up the rest of the 20,000.
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, sort_order)
    select 'DX' || i, '基准市直学校' || i, 'school', (select id from units where code = 'DC' || (1 + i % ${CITIES})), i
    from generate_series(1, (${UNITS} - (select count(*) from units))::int) i`);
  await db.execute(sql`
    insert into campaigns (title, doc_number, issuer, owner_unit_id, body, deadline, status, published_at)
    values ('基准任务', '基准〔2021〕2号', '基准省教育厅', (select id from units where code = 'DP'), '正文', now() + interval '1 day', 'published', now() - interval '6 days')`);
  await db.execute(sql`insert into campaign_assignments (campaign_id, unit_id) select c.id, u.id from campaigns c cross join units u where u.kind = 'city_bureau'`);
  await db.execute(sql`insert into submissions (assignment_id, campaign_id, unit_id) select id, campaign_id, unit_id from campaign_assignments`);
  await db.execute(sql`update submissions set status = 'submitted', submitted_at = now() where unit_id in (select id from units where code in ('DC1', 'DC2', 'DC3'))`);
  // Three rows in five filled, each in its city's table.
  await db.execute(sql`
    with recursive tree(city_id, id) as (
      select id, id from units where kind = 'city_bureau'
      union all
      select t.city_id, u.id from tree t join units u on u.reporting_parent_id = t.id
    )
    insert into roster_entries (campaign_id, submission_id, unit_id, name, position, phone, email)
    select s.campaign_id, s.id, t.id, '王伟', '科长', '13800138000', 'row' || t.id || '@bench.example.com'
    from tree t join submissions s on s.unit_id = t.city_id where t.id % 5 < 3`);
  await db.execute(sql`
    insert into email_outbox (to_address, subject, text, html, kind, campaign_id, unit_id, status, sent_at)
    select 'officer' || a.unit_id || '@bench.example.com', '提醒', '正文', '<p>正文</p>', k, a.campaign_id, a.unit_id, 'sent', now()
    from campaign_assignments a cross join unnest(array['reminder', 'urge', 'digest']) k`);
  await db.execute(sql`analyze`);
  const [{ units, id: campaignId, city, bureau }] = await db.execute(sql`
    select (select count(*)::int from units) as units, (select id from campaigns) as id, (select id from units where code = 'DC1') as city,
           (select id from units where code = 'DP') as bureau`);

  const actor = (role: "province_admin" | "city_officer", unitId: number) => ({ userId: 1, sessionId: "bench", name: "基准", email: "bench@example.com", role, unitId, unitName: "基准", unitKind: "city_bureau" as const });
  const province = actor("province_admin", Number(bureau));
  const cityOfficer = actor("city_officer", Number(city));
  const time = async (who: ReturnType<typeof actor>) => {
    const runs: number[] = [];
    for (let i = 0; i < 12; i++) {
      const start = performance.now();
      const dashboard = await getDashboardByActor({ db, actor: who, campaignId: Number(campaignId), now: new Date() });
      runs.push(ms(start));
      if (!dashboard) throw new Error("no dashboard");
    }
    const warm = runs.slice(2).sort((a, b) => a - b);
    return { median: warm[Math.floor(warm.length / 2)], max: warm.at(-1)! };
  };
  const provinceMs = await time(province);
  const cityMs = await time(cityOfficer);
  await client.end();

  console.log(`Dashboard over ${units} units (14 cities, ${CITIES * COUNTIES_PER_CITY} counties): province ${provinceMs.median.toFixed(1)} ms median, ${provinceMs.max.toFixed(1)} ms slowest; a city's ${cityMs.median.toFixed(1)} ms median`);
  if (provinceMs.median >= DASHBOARD_TARGET_MS) failures.push(`dashboard query took ${provinceMs.median.toFixed(1)} ms (target < ${DASHBOARD_TARGET_MS} ms)`);
}

// ---- 10,000 reminders ------------------------------------------------------------------------
{
  const { db, client } = createDb(databaseUrl(server.url, mailDb), { max: 4 });
  const now = new Date();
  const day = 24 * 3600 * 1000;
  await db.execute(sql`insert into units (code, name, kind) values ('MOE', '教育部', 'ministry')`);
  await db.execute(sql`insert into units (code, name, kind, reporting_parent_id) values ('BP', '基准省教育厅', 'province_bureau', (select id from units where code = 'MOE'))`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, province_affiliated, sort_order)
    select 'BS' || i, '基准学校' || i, 'school', (select id from units where code = 'BP'), true, i from generate_series(1, ${REMINDERS}) i`);
  await db.execute(sql`
    insert into users (email, name, unit_id, role, status, password_hash)
    select 'admin' || u.sort_order || '@bench.example.com', '管理员' || u.sort_order, u.id, 'school_staff', 'active', 'x' from units u where u.kind = 'school'`);
  // Published five days ago, due in two days: the 3-days-before slot has just passed for every unit.
  await db.execute(sql`
    insert into campaigns (title, doc_number, issuer, owner_unit_id, body, deadline, status, published_at, contacts)
    values ('基准任务', '基准〔2021〕1号', '基准省教育厅', (select id from units where code = 'BP'), '正文', ${new Date(now.getTime() + 2 * day).toISOString()}::timestamptz, 'published',
            ${new Date(now.getTime() - 5 * day).toISOString()}::timestamptz, '[{"name":"孙志河","phone":"0311-66005705","email":"724456068@qq.com","role":"业务联系人"}]')`);
  await db.execute(sql`insert into campaign_assignments (campaign_id, unit_id) select c.id, u.id from campaigns c cross join units u where u.kind = 'school'`);
  await db.execute(sql`insert into submissions (assignment_id, campaign_id, unit_id) select id, campaign_id, unit_id from campaign_assignments`);

  let start = performance.now();
  const { slots } = await runReminderTick({ db, now });
  const tickMs = ms(start);

  const fake = await FakeResend.start();
  const rate = env().MAIL_RATE_PER_SECOND;
  const dispatcher = createDispatcher({ db, sender: resendSender({ apiKey: "re_bench", baseUrl: fake.url, from: env().MAIL_FROM }), pacer: createPacer(rate) });
  start = performance.now();
  while (await dispatcher.dispatchBatch(now));
  const sendSeconds = ms(start) / 1000;

  const perAddress = new Map<string, number>();
  for (const email of fake.delivered) for (const to of email.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  const twice = [...perAddress.values()].filter((n) => n > 1).length;
  const [{ sent }] = await db.execute(sql`select count(*)::int as sent from email_outbox where status = 'sent'`);
  await fake.close();
  await client.end();

  console.log(`Reminders queued by one tick: ${slots} in ${tickMs.toFixed(0)} ms`);
  console.log(`Batch calls to the provider: ${fake.requests.length} (at most 100 emails each)`);
  console.log(`Emails delivered: ${fake.delivered.length}; sent twice: ${twice}; rows recorded sent: ${sent}`);
  console.log(`Emails per second at MAIL_RATE_PER_SECOND=${rate}: ${(fake.delivered.length / sendSeconds).toFixed(0)} (${sendSeconds.toFixed(1)} s in all)`);
  if (slots !== REMINDERS || fake.delivered.length !== REMINDERS || Number(sent) !== REMINDERS) failures.push(`expected ${REMINDERS} reminders queued, delivered and recorded`);
  if (fake.requests.length !== REMINDERS / 100) failures.push(`expected ${REMINDERS / 100} batch calls, made ${fake.requests.length}`);
  if (twice > 0) failures.push(`${twice} addresses were sent to twice`);
}

for (const name of [mailDb, dashboardDb]) await dropDatabase(server.url, name);
await server.stop();
console.log(`Peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (failures.length > 0) {
  console.log(`Targets missed: ${failures.join("; ")}.`);
  process.exit(1);
}
console.log("Targets met: 10,000 reminders in 100 calls with none sent twice; dashboard under 50 ms.");
