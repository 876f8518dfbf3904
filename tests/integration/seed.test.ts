import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { verify } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { campaignAssignments, campaignAttachments, campaigns, submissions, units, users } from "@/db/schema";
import { sniffAttachment } from "@/lib/campaigns/attachments";
import { ROSTER_TABLE } from "@/lib/xlsx/analyze";
import { parseTable } from "@/lib/xlsx/parse";
import { CAMPAIGN_DOC_NUMBER, CITY_LEVEL_CODES, DEMO_LOGINS, DEMO_PASSWORD, MINISTRY_CODE, PROVINCE_CODE, XIONGAN_CODE, seedDatabase } from "@/db/seed";
import { createTestDatabase } from "../support/database";

// Until the shared integration setup exists, each run gets throwaway databases on the local server.
const SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
const opened: { name: string; client: postgres.Sql }[] = [];

async function freshDatabase(label: string): Promise<Db> {
  const name = `baosong_seed_${label}_${process.pid}_${Date.now()}`;
  await admin.unsafe(`create database "${name}"`);
  const url = SERVER_URL.replace(/\/postgres$/, `/${name}`);
  await migrateDatabase(url);
  const { db, client } = createDb(url, { max: 2 });
  opened.push({ name, client });
  return db;
}

afterAll(async () => {
  for (const { name, client } of opened) {
    await client.end();
    await admin.unsafe(`drop database if exists "${name}"`);
  }
  await admin.end();
});

const divisions = readFileSync(new URL("../../db/seed/data/hebei-divisions.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [code, name, level, parentCode] = line.split(",");
    return { code, name, level, parentCode };
  });

async function unitByCode(db: Db, code: string) {
  const [unit] = await db.select().from(units).where(eq(units.code, code));
  if (!unit) throw new Error(`no unit ${code}`);
  return unit;
}

async function rowCounts(db: Db) {
  const count = async (table: typeof units | typeof users | typeof campaigns | typeof campaignAssignments | typeof campaignAttachments | typeof submissions) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
  return {
    units: await count(units),
    users: await count(users),
    campaigns: await count(campaigns),
    assignments: await count(campaignAssignments),
    attachments: await count(campaignAttachments),
    submissions: await count(submissions),
  };
}

describe("seedDatabase", () => {
  let db: Db;
  let province: typeof units.$inferSelect;
  // 20:00 UTC is already the next day in Beijing: the deadline counts from the Beijing date (11 March).
  const now = new Date("2025-03-10T20:00:00Z");

  beforeAll(async () => {
    db = await freshDatabase("main");
    await seedDatabase(db, { now });
    province = await unitByCode(db, PROVINCE_CODE);
  });

  it("creates 教育部 as the only root, and the province bureau under it", async () => {
    const roots = await db.select().from(units).where(sql`${units.reportingParentId} is null`);
    expect(roots.map((u) => [u.code, u.name, u.kind])).toEqual([[MINISTRY_CODE, "教育部", "ministry"]]);
    expect(province).toMatchObject({ name: "河北省教育厅", kind: "province_bureau", reportingParentId: roots[0].id });
  });

  it("gives the notice's campaign to the province bureau that publishes it", async () => {
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER));
    expect(campaign.ownerUnitId).toBe(province.id);
  });

  it("attaches the notice's table (详见附件): a blank template that the import reads as the table", async () => {
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER));
    const attachments = await db.select().from(campaignAttachments).where(eq(campaignAttachments.campaignId, campaign.id));
    expect(attachments.map((a) => [a.fileName, a.mimeType, a.size])).toEqual([
      ["附件：单位系统管理员实名信息表.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", attachments[0].content.length],
    ]);
    expect(sniffAttachment(attachments[0].content)).toBe("xlsx");
    // The import finds the table's header in it, and no row yet: what it says of the template left blank.
    expect(() => parseTable(attachments[0].content, ROSTER_TABLE)).toThrow("表格中没有填写任何管理员信息");
  });

  it("has exactly the 14 city-level units under the province, apart from province-affiliated schools", async () => {
    const children = await db
      .select()
      .from(units)
      .where(sql`${units.reportingParentId} = ${province.id} and not ${units.provinceAffiliated}`)
      .orderBy(units.sortOrder);
    expect(children.map((u) => u.code)).toEqual([...CITY_LEVEL_CODES]);
    expect(children.every((u) => u.kind === "city_bureau")).toBe(true);
    expect(children.map((u) => u.name)).toEqual([
      "石家庄市教育局",
      "唐山市教育局",
      "秦皇岛市教育局",
      "邯郸市教育局",
      "邢台市教育局",
      "保定市教育局",
      "张家口市教育局",
      "承德市教育局",
      "沧州市教育局",
      "廊坊市教育局",
      "衡水市教育局",
      "定州市教育局",
      "辛集市教育局",
      "雄安新区公共服务局",
    ]);
  });

  it("lets 定州 and 辛集 report to the province, and 容城、安新、雄县 to 雄安", async () => {
    for (const code of ["130682", "130181"]) {
      expect(await unitByCode(db, code)).toMatchObject({ kind: "city_bureau", reportingParentId: province.id, divisionCode: code });
    }
    const xiongan = await unitByCode(db, XIONGAN_CODE);
    expect(xiongan).toMatchObject({ divisionCode: null, reportingParentId: province.id });
    for (const code of ["130629", "130632", "130638"]) {
      expect(await unitByCode(db, code)).toMatchObject({ kind: "county_bureau", reportingParentId: xiongan.id });
    }
  });

  it("creates every county from the CSV once, under its city, except 定州 and 辛集", async () => {
    const counties = divisions.filter((d) => d.level === "county" && d.code !== "130682" && d.code !== "130181");
    expect(counties).toHaveLength(165);
    const bureaus = await db.select().from(units).where(eq(units.kind, "county_bureau"));
    expect(bureaus.map((u) => u.code).sort()).toEqual(counties.map((d) => d.code).sort());
    const codeById = new Map((await db.select().from(units)).map((u) => [u.id, u.code]));
    for (const county of counties) {
      const bureau = bureaus.find((u) => u.code === county.code)!;
      expect(bureau.name).toBe(`${county.name}教育局`);
      const expectedParent = ["130629", "130632", "130638"].includes(county.code) ? XIONGAN_CODE : county.parentCode;
      expect(codeById.get(bureau.reportingParentId!)).toBe(expectedParent);
    }
    expect((await unitByCode(db, "130102")).name).toBe("长安区教育局");
  });

  it("gives demo schools well-formed, unique 10-digit codes", async () => {
    const schools = await db.select().from(units).where(sql`${units.kind} in ('school', 'college')`);
    expect(schools.length).toBeGreaterThan(30);
    for (const school of schools) {
      expect(school.schoolCode).toMatch(/^\d{10}$/);
      expect(school.schoolCode).toMatch(school.kind === "college" ? /^4113/ : /^3613/);
      expect(school.code).toBe(school.schoolCode);
      expect(school.name).toContain("示例");
    }
    expect(new Set(schools.map((s) => s.schoolCode)).size).toBe(schools.length);
    const affiliated = schools.filter((s) => s.provinceAffiliated);
    expect(affiliated.every((s) => s.reportingParentId === province.id)).toBe(true);
    expect(affiliated.filter((s) => s.kind === "college")).toHaveLength(2);
  });

  it("puts two or three demo schools in every city-level unit's subtree", async () => {
    const all = await db.select().from(units);
    const byId = new Map(all.map((u) => [u.id, u]));
    const cityOf = (unit: typeof units.$inferSelect): string => {
      const parent = byId.get(unit.reportingParentId!)!;
      return parent.id === province.id ? unit.code : cityOf(parent);
    };
    const perCity = new Map<string, number>();
    for (const school of all.filter((u) => u.kind === "school" && !u.provinceAffiliated)) {
      perCity.set(cityOf(school), (perCity.get(cityOf(school)) ?? 0) + 1);
    }
    for (const code of CITY_LEVEL_CODES) expect(perCity.get(code)).toBeGreaterThanOrEqual(2);
    for (const code of CITY_LEVEL_CODES) expect(perCity.get(code)).toBeLessThanOrEqual(3);
  });

  it("publishes the campaign due 17:00 Beijing time four days ahead, assigned with a draft submission each", async () => {
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER));
    expect(campaign).toMatchObject({ status: "published", issuer: "河北省教育厅办公室", title: "关于做好全国中等职业学校管理信息系统应用准备工作的通知" });
    expect(campaign.deadline.toISOString()).toBe("2025-03-15T09:00:00.000Z");
    expect(campaign.publishedAt).not.toBeNull();
    expect(campaign.body.startsWith("各市（含定州、辛集市）教育局")).toBe(true);
    expect(campaign.body).toContain("该系统建成后");
    expect(campaign.body).toContain("及时性");
    expect(campaign.body.trimEnd().endsWith("hebeixpc@pthink.com.cn。")).toBe(true);
    expect(campaign.contacts.map((c) => c.name)).toEqual(["孙志河", "程鹏"]);

    const affiliated = await db.select().from(units).where(eq(units.provinceAffiliated, true));
    const assigned = await db
      .select({ code: units.code })
      .from(campaignAssignments)
      .innerJoin(units, eq(units.id, campaignAssignments.unitId))
      .where(eq(campaignAssignments.campaignId, campaign.id));
    expect(assigned).toHaveLength(14 + affiliated.length);
    expect(assigned.map((a) => a.code).sort()).toEqual([...CITY_LEVEL_CODES, ...affiliated.map((u) => u.code)].sort());
    const drafts = await db.select().from(submissions).where(eq(submissions.campaignId, campaign.id));
    expect(drafts).toHaveLength(assigned.length);
    expect(drafts.every((s) => s.status === "draft")).toBe(true);
  });

  it("creates one active demo user per role that signs in with the demo password", async () => {
    expect(DEMO_LOGINS.map((l) => l.roleLabel)).toEqual(["省级管理员", "省级审核员", "市级填报员", "县级填报员", "学校填报员", "审计管理员", "安全管理员"]);
    for (const login of DEMO_LOGINS) {
      const [user] = await db.select({ user: users, unitName: units.name }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.email, login.email));
      expect(user).toMatchObject({ unitName: login.unitName, user: { role: login.role, status: "active" } });
      expect(user.user.phone).toMatch(/^1\d{10}$/);
      expect(user.user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(user.user.passwordHash!, DEMO_PASSWORD)).toBe(true);
    }
    const [school] = await db.select({ affiliated: units.provinceAffiliated }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.role, "school_staff"));
    expect(school.affiliated).toBe(true);
  });

  it("changes nothing when run again, not even the deadline or a password hash", async () => {
    const before = await rowCounts(db);
    const [campaign] = await db.select().from(campaigns);
    const hashes = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).orderBy(users.email);
    await seedDatabase(db, { now: new Date("2025-06-01T00:00:00Z") });
    await seedDatabase(db, { historical: true });
    expect(await rowCounts(db)).toEqual(before);
    const [again] = await db.select().from(campaigns);
    expect(again.deadline.toISOString()).toBe(campaign.deadline.toISOString());
    expect(await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).orderBy(users.email)).toEqual(hashes);
  });
});

describe("seedDatabase({ historical: true })", () => {
  it("uses the notice's deadline, 2021-11-26 17:00 Beijing time", async () => {
    const db = await freshDatabase("historical");
    await seedDatabase(db, { historical: true });
    const [campaign] = await db.select().from(campaigns);
    expect(campaign.deadline.toISOString()).toBe("2021-11-26T09:00:00.000Z");
    expect(campaign.publishedAt!.getTime()).toBeLessThan(campaign.deadline.getTime());
  });
});

describe("npm run db:seed", () => {
  it("prints the demo logins, as the demo does", async () => {
    const database = await createTestDatabase();
    try {
      const root = fileURLToPath(new URL("../..", import.meta.url));
      const run = spawnSync(process.execPath, ["--import", "tsx", "db/cli/seed.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: database.url }, encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("Demo logins:");
      for (const login of DEMO_LOGINS) expect(run.stdout).toMatch(new RegExp(`${login.roleLabel}\\s+${login.unitName}\\s+${login.email.replace(/\./g, "\\.")}\\s+${DEMO_PASSWORD}`));
    } finally {
      await database.drop();
    }
  }, 60_000);
});
