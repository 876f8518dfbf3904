// `npm run bench -- verification`: 数据核验's rules over 7,300 schools × 50 indicators — the 学校（机构）代码, 学生系统 and
// 教师系统 snapshots and two years of 事业统计 with 50 numeric fields each, a few hundred deliberate differences among them.
// Measured: the first run (every item new) and, interleaved with it, a re-run with nothing changed (every item kept,
// nothing written); each in a transaction rolled back, so every run starts from the same state. Target (issue 16): < 5 s.
import { cpus, loadavg } from "node:os";
import { asServer, benchDatabase } from "./support";

asServer(import.meta.url);

const { sql } = await import("drizzle-orm");
const { createDb } = await import("@/db/index");
const { median } = await import("./support/load");

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 7_300);
const EXTRA_INDICATORS = 44; // beside the 6 named ones of 事业统计: 50 in all
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 5_000;
const YEAR = 2021;

const database = await benchDatabase("verification");
const { runVerification } = await import("@/lib/verification/rules/engine");
const { db, client } = createDb(database.url, { max: 2 });

class Rollback extends Error {}

/** Runs the engine for `campaignId` and rolls back what it wrote: its time and what it counted. */
async function timedRun(campaignId: number) {
  let outcome: { ms: number; counts: Awaited<ReturnType<typeof runVerification>> } | undefined;
  await db
    .transaction(async (tx) => {
      const started = performance.now();
      const counts = await runVerification(tx, { campaignId, now: new Date() });
      outcome = { ms: performance.now() - started, counts };
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return outcome!;
}

let failed = false;
try {
  // A province of 10 cities × 10 counties; every 50th school sits directly under its city.
  await db.execute(sql`insert into units (code, name, kind) values ('MOE', '教育部', 'ministry')`);
  await db.execute(sql`insert into units (code, name, kind, reporting_parent_id, division_code) values ('BP', '基准省教育厅', 'province_bureau', (select id from units where code = 'MOE'), '13')`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, division_code, sort_order)
    select 'BC' || c, '基准市' || c || '教育局', 'city_bureau', (select id from units where code = 'BP'), '13' || lpad(c::text, 2, '0'), c from generate_series(1, 10) c`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, division_code, sort_order)
    select 'BK' || c || '_' || k, '基准县' || c || '_' || k || '教育局', 'county_bureau', p.id, p.division_code || lpad(k::text, 2, '0'), k
    from generate_series(1, 10) c cross join generate_series(1, 10) k join units p on p.code = 'BC' || c`);
  await db.execute(sql`
    with parents as (select id, division_code, (row_number() over (order by id) - 1)::int as i from units where kind = 'county_bureau')
    insert into units (code, name, kind, reporting_parent_id, division_code, school_code, sort_order)
    select '3613' || lpad(g::text, 6, '0'), '基准示例职业学校' || g, 'school',
           case when g % 50 = 0 then c.reporting_parent_id else p.id end, p.division_code, '3613' || lpad(g::text, 6, '0'), g
    from generate_series(1, ${SCHOOLS}::int) g join parents p on p.i = g % 100 join units c on c.id = p.id`);
  await db.execute(sql`
    insert into campaigns (title, doc_number, issuer, body, deadline, status, published_at, owner_unit_id, kind)
    select '基准核验任务' || n, '基准〔2021〕' || n || '号', '基准省教育厅', '正文', now() + interval '10 days', 'published', now(), (select id from units where code = 'BP'), 'verification'
    from generate_series(1, 2) n`);
  await db.execute(sql`insert into verification_tasks (campaign_id, school_year) select id, ${YEAR} from campaigns`);
  await db.execute(sql`insert into campaign_assignments (campaign_id, unit_id) select c.id, u.id from campaigns c cross join units u where u.kind = 'city_bureau'`);

  // The snapshots. Deliberate differences: every 101st name, every 199th county, every 211th code voided, every 200th
  // school missing from 教师系统, 10 codes no school has, every 23rd school's students 20% apart, every 97th school's
  // 教学仪器设备总值 zero, and one indicator in 37 changed by half against the year before.
  const snapshot = (source: string, year: number, v: number) =>
    sql`insert into reference_snapshots (owner_unit_id, source, school_year, version, file_name, file_hash, records)
        values ((select id from units where code = 'BP'), ${source}, ${year}, ${v}, ${`${source}-${year}.xlsx`}, ${`bench-${source}-${year}-${v}`}, 0) returning id`;
  const idOf = async (q: ReturnType<typeof snapshot>) => ((await db.execute<{ id: number }>(q))[0] as { id: number }).id;
  const schools = sql`(select u.school_code, u.name, u.division_code, u.sort_order as g from units u where u.school_code is not null)`;
  const codes = await idOf(snapshot("school_codes", YEAR, 1));
  await db.execute(sql`
    insert into reference_records (snapshot_id, school_code, line, fields)
    select ${codes}, s.school_code, s.g + 1, jsonb_build_object('schoolCode', s.school_code,
      'name', case when s.g % 101 = 0 then s.name || '分校' else s.name end,
      'divisionCode', case when s.g % 199 = 0 then '139999' else s.division_code end,
      'status', case when s.g % 211 = 0 then '撤销' else '正常' end)
    from ${schools} s`);
  const statistics = async (year: number) => {
    const id = await idOf(snapshot("statistics", year, 1));
    const changed = year === YEAR ? sql`1.5` : sql`1`;
    await db.execute(sql`
      insert into reference_records (snapshot_id, school_code, line, fields)
      select ${id}, s.school_code, s.g + 1, jsonb_build_object('schoolCode', s.school_code, 'name', s.name,
          'students', 1000 + s.g % 500, 'fullTimeTeachers', 60 + s.g % 40, 'landArea', 40000 + s.g, 'buildingArea', 20000 + s.g,
          'equipmentValue', case when ${year} = ${YEAR} and s.g % 97 = 0 then 0 else 300 + s.g % 200 end, 'books', 5 + s.g % 10)
        || (select jsonb_object_agg('indicator' || lpad(i::text, 2, '0'),
              round((100 + (s.g * i) % 900) * case when (s.g + i) % 37 = 0 then ${changed} else 1 end)) from generate_series(1, ${EXTRA_INDICATORS}) i)
      from ${schools} s`);
    if (year === YEAR)
      await db.execute(sql`
        insert into reference_records (snapshot_id, school_code, line, fields)
        select ${id}, '3699' || lpad(x::text, 6, '0'), ${SCHOOLS} + 1 + x, jsonb_build_object('schoolCode', '3699' || lpad(x::text, 6, '0'), 'name', '名册外学校' || x, 'students', 100)
        from generate_series(1, 10) x`);
  };
  await statistics(YEAR);
  await statistics(YEAR - 1);
  const students = await idOf(snapshot("students", YEAR, 1));
  await db.execute(sql`
    insert into reference_records (snapshot_id, school_code, line, fields)
    select ${students}, s.school_code, s.g + 1, jsonb_build_object('schoolCode', s.school_code, 'name', s.name,
      'enrolled', case when s.g % 23 = 0 then round((1000 + s.g % 500) * 1.2) else 1000 + s.g % 500 end)
    from ${schools} s`);
  const teachers = await idOf(snapshot("teachers", YEAR, 1));
  await db.execute(sql`
    insert into reference_records (snapshot_id, school_code, line, fields)
    select ${teachers}, s.school_code, s.g + 1, jsonb_build_object('schoolCode', s.school_code, 'name', s.name, 'staff', 100, 'fullTimeTeachers', 60 + s.g % 40)
    from ${schools} s where s.g % 200 <> 0`);
  await db.execute(sql`update reference_snapshots p set records = (select count(*) from reference_records r where r.snapshot_id = p.id)`);
  await db.execute(sql`analyze`);

  const [first, kept] = (await db.execute<{ id: number }>(sql`select id from campaigns order by id`)).map((r) => (r as { id: number }).id);
  // The second task's items, committed: its runs below find every item already there.
  const committed = await db.transaction((tx) => runVerification(tx, { campaignId: kept, now: new Date() }));
  const times = { first: [] as number[], unchanged: [] as number[] };
  let counts = committed;
  for (let i = 0; i < RUNS; i++) {
    const a = await timedRun(first);
    times.first.push(a.ms);
    counts = a.counts;
    const b = await timedRun(kept);
    times.unchanged.push(b.ms);
    if (b.counts.opened + b.counts.updated + b.counts.closed !== 0) {
      console.log(`A re-run with nothing changed wrote items: ${JSON.stringify(b.counts)}`);
      failed = true;
    }
  }
  const firstMs = median(times.first);
  const unchangedMs = median(times.unchanged);
  console.log(`${SCHOOLS} schools × ${6 + EXTRA_INDICATORS} indicators (2 years of 事业统计, 学校（机构）代码, 学生系统, 教师系统); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  console.log(`first run (every item new): median ${firstMs.toFixed(0)} ms over ${RUNS} runs (target < ${TARGET_MS} ms: ${firstMs < TARGET_MS ? "met" : "NOT met"}); ${counts.found} discrepancies`);
  console.log(`  re-run with nothing changed, interleaved: median ${unchangedMs.toFixed(0)} ms; ratio unchanged/first ${(unchangedMs / firstMs).toFixed(2)}×`);
  const [byRule] = await db.execute<{ rules: string }>(sql`
    select string_agg(code || ' ' || n, ', ' order by code) as rules from (
      select r.code, count(*) as n from discrepancies d join verification_rules r on r.id = d.rule_id where d.campaign_id = ${kept} group by r.code) x`);
  console.log(`  by rule: ${(byRule as { rules: string }).rules}`);
  if (firstMs >= TARGET_MS) failed = true;
} finally {
  await client.end();
  await database.drop();
}
process.exit(failed ? 1 : 0);
