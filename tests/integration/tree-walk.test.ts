// A walk of the reporting tree costs its subtree, not the registry: at national size a city's walk must not read
// the other 20,000 units, and a page's 100 rows must not be joined by hashing all of them.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { subtree } from "@/lib/units/tree";
import { freshSeededDatabaseEachTest, SHIJIAZHUANG, unitByCode } from "../support/actors";

const world = freshSeededDatabaseEachTest();

/** Grows the seeded province by `count` schools spread over its counties, as a national registry would outnumber a county. */
async function addSchools(db: Db, count: number): Promise<void> {
  await db.execute(sql`
    with counties as (select id, division_code, (row_number() over (order by id) - 1)::int as i, count(*) over ()::int as n from units where kind = 'county_bureau')
    insert into units (code, name, kind, reporting_parent_id, division_code, school_code, sort_order)
    select '369' || lpad(g::text, 7, '0'), '测试学校' || g, 'school', c.id, c.division_code, '369' || lpad(g::text, 7, '0'), 100 + g
    from generate_series(1, ${count}::int) g join counties c on c.i = g % c.n`);
  await db.execute(sql`analyze units`);
}

async function planOf(db: Db, query: ReturnType<typeof sql>): Promise<string> {
  const rows = await db.execute<{ "QUERY PLAN": string }>(sql`explain ${query}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("walking the tree at national size", () => {
  it("walks a city's subtree by the parent index, finding exactly the units below it", async () => {
    const { db } = world;
    await addSchools(db, 20_000);
    const city = await unitByCode(db, SHIJIAZHUANG);
    const walk = sql`select t.id, t.depth from ${subtree({ roots: city.id, activeOnly: true, ordered: true })} t order by t.path`;
    const plan = await planOf(db, walk);
    expect(plan).toContain("units_reporting_parent_idx");
    expect(plan).not.toMatch(/Seq Scan on units/);
    const found = await db.execute<{ id: number; depth: number }>(walk);
    const below = await db.execute<{ id: number; depth: number }>(sql`
      select c.id, 1 as depth from units c where c.reporting_parent_id = ${city.id} and c.active
      union all
      select s.id, 2 from units c join units s on s.reporting_parent_id = c.id and s.active where c.reporting_parent_id = ${city.id} and c.active`);
    const byId = (rows: { id: number; depth: number }[]) => [...rows].sort((a, b) => a.id - b.id);
    expect(found[0]).toEqual({ id: city.id, depth: 0 });
    expect(byId(found.slice(1))).toEqual(byId(below));
  });

  it("plans in the portal's pool without JIT and with SSD page costs, so a page's rows are looked up by key", async () => {
    const { db } = world;
    const [settings] = await db.execute<{ jit: string; cost: string }>(sql`select current_setting('jit') as jit, current_setting('random_page_cost') as cost`);
    expect(settings).toEqual({ jit: "off", cost: "1.1" });
    await addSchools(db, 6000);
    const page = await db.execute<{ id: number }>(sql`select id from units where kind = 'school' order by id limit 100`);
    const plan = await planOf(db, sql`select u.name from unnest(${`{${page.map((p) => p.id).join(",")}}`}::int[]) t(id) join units u on u.id = t.id`);
    expect(plan).toContain("units_pkey");
    expect(plan).not.toMatch(/Seq Scan on units/);
  });
});
