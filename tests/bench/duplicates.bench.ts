// `npm run bench duplicates`: the duplicate-phone and duplicate-email checks at 20,000 units and 12,000 filled rows.
// A/B in one run, interleaved: a city's table with and without the (campaign_id, email/phone) indexes (dropped inside
// a transaction that is rolled back), and the review queue's flags counted in one query against once per table.
import { asServer, benchDatabase } from "./support";

asServer(import.meta.url);

const { sql } = await import("drizzle-orm");
const { createDb } = await import("@/db/index");

const UNITS = 20_000;
const ROUNDS = 3;

const database = await benchDatabase("duplicates");

const { getRosterRowsBySubmission } = await import("@/lib/roster/queries");
const { getReviewQueueByCampaign } = await import("@/lib/review/queries");

const { db, client } = createDb(database.url, { max: 2 });
const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
const timed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};
try {
  // 14 cities, 12 counties each with 117 schools, the rest schools directly under the cities: as tests/bench/mail.bench.ts.
  await db.execute(sql`insert into units (code, name, kind) values ('MOE', '教育部', 'ministry')`);
  await db.execute(sql`insert into units (code, name, kind, reporting_parent_id) values ('QP', '基准省教育厅', 'province_bureau', (select id from units where code = 'MOE'))`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, sort_order)
    select 'QC' || c, '基准市' || c || '教育局', 'city_bureau', (select id from units where code = 'QP'), c from generate_series(1, 14) c`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, sort_order)
    select p.code || 'K' || k, p.name || '第' || k || '县教育局', 'county_bureau', p.id, k from units p cross join generate_series(1, 12) k where p.kind = 'city_bureau'`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, sort_order)
    select p.code || 'S' || s, p.name || '第' || s || '学校', 'school', p.id, s from units p cross join generate_series(1, 117) s where p.kind = 'county_bureau'`);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, sort_order)
    select 'QX' || i, '基准市直学校' || i, 'school', (select id from units where code = 'QC' || (1 + i % 14)), i
    from generate_series(1, (${UNITS} - (select count(*) from units))::int) i`);
  await db.execute(sql`
    insert into campaigns (title, doc_number, issuer, body, deadline, status, published_at, owner_unit_id)
    values ('基准任务', '基准〔2021〕4号', '基准省教育厅', '正文', now() + interval '1 day', 'published', now() - interval '6 days', (select id from units where kind = 'province_bureau'))`);
  await db.execute(sql`insert into campaign_assignments (campaign_id, unit_id) select c.id, u.id from campaigns c cross join units u where u.kind = 'city_bureau'`);
  await db.execute(sql`
    insert into submissions (assignment_id, campaign_id, unit_id, status, submitted_at)
    select id, campaign_id, unit_id, 'submitted', now() from campaign_assignments`);
  // Three rows in five filled; one phone in fifty and one email in a hundred shared with another unit.
  await db.execute(sql`
    with recursive tree(city_id, id) as (
      select id, id from units where kind = 'city_bureau'
      union all
      select t.city_id, u.id from tree t join units u on u.reporting_parent_id = t.id
    )
    insert into roster_entries (campaign_id, submission_id, unit_id, name, position, phone, email)
    select s.campaign_id, s.id, t.id, '王伟', '科长',
           '138' || lpad((case when t.id % 50 = 0 then t.id - 5 else t.id end)::text, 8, '0'),
           'row' || (case when t.id % 100 = 1 then t.id - 10 else t.id end) || '@bench.example.com'
    from tree t join submissions s on s.unit_id = t.city_id where t.id % 5 < 3`);
  await db.execute(sql`analyze`);
  const [{ units, rows, campaignId }] = await db.execute<{ units: number; rows: number; campaignId: number }>(
    sql`select (select count(*)::int from units) as units, (select count(*)::int from roster_entries) as rows, (select id from campaigns) as "campaignId"`,
  );
  const tables = await db.execute<{ id: number; unitId: number; rows: number }>(sql`
    select s.id, s.unit_id as "unitId", (select count(*)::int from roster_entries e where e.submission_id = s.id) as rows from submissions s order by rows desc`);
  const biggest = { id: tables[0].id, campaignId, unitId: tables[0].unitId };
  const reviewer = { userId: 1, sessionId: "bench", name: "基准", email: "bench@example.com", role: "province_reviewer" as const, unitId: 1, unitName: "基准", unitKind: "province_bureau" as const };

  const withIndex: number[] = [];
  const withoutIndex: number[] = [];
  const queueOnce: number[] = [];
  const queuePerTable: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    withIndex.push(await timed(() => getRosterRowsBySubmission({ db, submission: biggest, visibleRootId: biggest.unitId })));
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`drop index roster_entries_campaign_email_idx`);
        await tx.execute(sql`drop index roster_entries_campaign_phone_idx`);
        withoutIndex.push(await timed(() => getRosterRowsBySubmission({ db: tx, submission: biggest, visibleRootId: biggest.unitId })));
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.message === "Rollback")) throw error;
      });
    queueOnce.push(await timed(() => getReviewQueueByCampaign({ db, actor: reviewer, campaignId, filter: { order: "asc" } })));
    // What the queue did before: the table's rows read once per queued submission.
    queuePerTable.push(await timed(() => Promise.all(tables.map((t) => getRosterRowsBySubmission({ db, submission: { id: t.id, campaignId, unitId: t.unitId }, visibleRootId: t.unitId })))));
  }
  console.log(`${units} units, ${rows} filled rows; the biggest table has ${tables[0].rows} rows (medians of ${ROUNDS} interleaved rounds)`);
  console.log(
    `Its rows with duplicate checks: ${median(withIndex).toFixed(0)} ms with the (campaign_id, email/phone) indexes, ${median(withoutIndex).toFixed(0)} ms without: ${(median(withoutIndex) / median(withIndex)).toFixed(1)}× faster`,
  );
  console.log(
    `Review queue of ${tables.length} tables: flags in one query ${median(queueOnce).toFixed(0)} ms, rows read per table ${median(queuePerTable).toFixed(0)} ms: ${(median(queuePerTable) / median(queueOnce)).toFixed(1)}×`,
  );
} finally {
  await client.end();
  await database.drop();
}
