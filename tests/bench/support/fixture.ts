import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "@/db/index";
import { migrateDatabase } from "@/db/migrate";
import { ensureLocalApplicationRole, grantApplicationRole, roleOf } from "@/db/roles";
import { CITY_LEVEL_CODES, DEMO_PASSWORD, seedDatabase } from "@/db/seed";
import { seedNational } from "@/db/seed/national";
import { hashPassword } from "@/lib/auth/password";
import { holdingSubmissions } from "@/lib/units/tree";
import { choosePostgresServer, databaseUrl, dropDatabase, recreateDatabase } from "../../support/postgres";

// A database of any size for the benchmarks, from one of two seeds: "province", the demo seed (Hebei: province,
// 14 city-level bureaus, their counties, the demo schools and the notice's campaign); or "national", what
// `npm run db:seed -- --national` builds (the demo, then 31 provinces' trees of ~10,500 units with their own
// campaigns in mixed states). Then schools spread evenly over every county until there are `units` units, a share
// of Hebei's campaign's rows filled in, and one 市级填报员 per Hebei city-level unit. All set-based, so 100,000
// units take seconds.

export type BenchDatabase = {
  /** The owner's URL (the bench arranges and reads through it); the portal connects as `appUrl`. */
  url: string;
  appUrl: string;
  campaignId: number;
  units: number;
  filledRows: number;
  /** The city officers' sign-ins, in CITY_LEVEL_CODES order; every bench account has DEMO_PASSWORD. */
  cityOfficers: string[];
  drop(): Promise<void>;
};

export const BENCH_PASSWORD = DEMO_PASSWORD;

export type BenchSeed = "province" | "national";

/** The seed a bench asked for in BENCH_SEED, or its default. */
export function benchSeed(fallback: BenchSeed): BenchSeed {
  const seed = process.env.BENCH_SEED ?? fallback;
  if (seed !== "province" && seed !== "national") throw new Error(`BENCH_SEED must be province or national, not ${seed}`);
  return seed;
}

/** A database of its own (baosong_bench_<random>) from `seed`, grown to `units`, dropped by `drop()`, which drops nothing else. */
export async function createBenchDatabase({
  units,
  seed = "province",
  filledShare = 0.6,
  now = new Date(),
}: {
  units: number;
  seed?: BenchSeed;
  filledShare?: number;
  now?: Date;
}): Promise<BenchDatabase> {
  const server = await choosePostgresServer();
  const name = `baosong_bench_${randomBytes(4).toString("hex")}`;
  await recreateDatabase(server.url, name);
  const drop = async () => {
    await dropDatabase(server.url, name);
    await server.stop();
  };
  const url = databaseUrl(server.url, name);
  try {
    await migrateDatabase(url);
    const { db, client } = createDb(url, { max: 2 });
    try {
      if (seed === "national") await seedNational(db, { now });
      else await seedDatabase(db, { now });
      const shape = await scaleProvince(db, { units, filledShare });
      const cityOfficers = await addCityOfficers(db);
      // Statistics, as autovacuum gathers them soon after a bulk load: without them the planner guesses, e.g.
      // prices a lookup among a handful of campaigns high enough to compile it with JIT (8 ms a query).
      await db.execute(sql`analyze`);
      const appUrl = await ensureLocalApplicationRole(url);
      await grantApplicationRole(url, roleOf(appUrl));
      return { url, appUrl, ...shape, cityOfficers, drop };
    } finally {
      await client.end();
    }
  } catch (error) {
    await drop();
    throw error;
  }
}

/** Grows the seeded province to `units` units and fills `filledShare` of the rows its tables hold. */
async function scaleProvince(db: Db, { units, filledShare }: { units: number; filledShare: number }): Promise<{ campaignId: number; units: number; filledRows: number }> {
  const [{ seeded }] = await db.execute<{ seeded: number }>(sql`select count(*)::int as seeded from units`);
  // 369xxxxxxx: the shape of a 学校标识码, apart from the demo schools' 3613… codes.
  await db.execute(sql`
    with counties as (select id, division_code, (row_number() over (order by id) - 1)::int as i, count(*) over ()::int as n from units where kind = 'county_bureau')
    insert into units (code, name, kind, reporting_parent_id, division_code, school_code, sort_order)
    select '369' || lpad(g::text, 7, '0'), '压测示例学校' || g, 'school', c.id, c.division_code, '369' || lpad(g::text, 7, '0'), 100 + g
    from generate_series(1, ${Math.max(0, units - seeded)}::int) g
    join counties c on c.i = g % c.n`);
  const [{ campaignId }] = await db.execute<{ campaignId: number }>(sql`select id as "campaignId" from campaigns order by id limit 1`);
  // The units whose id ends in a digit below 10 × share have their row (6 in 10 for 0.6), in the table that holds them.
  const filled = await db.execute(sql`
    insert into roster_entries (campaign_id, submission_id, unit_id, name, position, phone, email, school_code)
    select h.campaign_id, h.submission_id, u.id, '李娜', '信息中心主任', '138' || lpad(u.id::text, 8, '0'), 'u' || u.id || '@example.com', u.school_code
    from ${holdingSubmissions(sql`(select id from units where kind <> 'province_bureau')`)} h
    join units u on u.id = h.unit_id
    where h.campaign_id = ${campaignId} and (u.id % 10) < ${Math.round(filledShare * 10)}
    on conflict do nothing`);
  const [{ count }] = await db.execute<{ count: number }>(sql`select count(*)::int as count from units`);
  return { campaignId, units: count, filledRows: filled.count };
}

/** One 市级填报员 per city-level unit (the seed has one only for 石家庄), all with the demo password. */
async function addCityOfficers(db: Db): Promise<string[]> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const emails = CITY_LEVEL_CODES.map((code) => `bench-city-${code.toLowerCase()}@bench.baosong.cn`);
  await db.execute(sql`
    insert into users (email, name, phone, role, unit_id, status, password_hash)
    select 'bench-city-' || lower(u.code) || '@bench.baosong.cn', '压测填报员' || u.code, '139' || lpad(u.id::text, 8, '0'), 'city_officer', u.id, 'active', ${passwordHash}
    from units u where u.code in (select jsonb_array_elements_text(${JSON.stringify(CITY_LEVEL_CODES)}::jsonb))`);
  return emails;
}
