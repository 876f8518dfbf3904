// `npm run db:seed -- --national`: Hebei's demo (the default seed, untouched) plus a synthetic national tree
// under 教育部 — the 30 other provinces with their real names and division codes, their real cities and
// counties, about 7,150 fictional schools (every name says 示例) — and each province's own copy of the
// notice's campaign with its tables in every state. Written set-based (one statement per level), so it
// takes seconds, and safe to run again: units are upserted by code, a campaign that exists is left as it is.
import { hash } from "@node-rs/argon2";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../index";
import { col, queryRows } from "../rows";
import { createCampaign, publishCampaign } from "@/lib/campaigns/lifecycle";
import { DEFAULT_REMINDER_OFFSETS } from "@/lib/campaigns/schedule";
import { subtree } from "@/lib/units/tree";
import { type Role, type UnitKind, users } from "../schema";
import { CAMPAIGN_TITLE, DEMO_PASSWORD, type DemoLogin, type Division, MINISTRY_CODE, PROVINCE_CODE, readDivisions, seedDatabase, type SeedOptions } from "./index";
import { NOTICE_BODY } from "./notice";

/** Each province's short name, as its documents' numbers begin (京教办函…). */
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "内", "21": "辽", "22": "吉", "23": "黑", "31": "沪", "32": "苏", "33": "浙",
  "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫", "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼", "50": "渝",
  "51": "川", "52": "黔", "53": "滇", "54": "藏", "61": "陕", "62": "甘", "63": "青", "64": "宁", "65": "新",
};

/** The four municipalities have an education commission (教育委员会); every other province an education department (教育厅). */
const MUNICIPALITIES = ["11", "12", "31", "50"];

/** Division "cities" that are only groupings (市辖区, 县, 省直辖县级行政区划): their counties report to the province themselves. */
const GROUPING_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const SCHOOL_SUFFIXES = ["示例职业技术教育中心", "示例职业中学", "示例中等专业学校", "示例职业技术学校", "示例农业职业学校", "示例工业学校"];
const PROVINCE_SCHOOL_SUFFIXES = ["示例机电工程学校", "示例交通职业技术学校", "示例艺术职业学校", "示例商贸学校", "示例卫生学校", "示例体育运动学校"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏宇浩然思远晓东海燕志刚立新春梅凤英国强小红";

type SeedUnit = { code: string; name: string; kind: UnitKind; parent: string; divisionCode: string | null; schoolCode: string | null; provinceAffiliated: boolean; sortOrder: number };

/** A small deterministic generator (mulberry32): the same tree on every run and every machine. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function provinceBureauName(code: string, provinceName: string): string {
  return `${provinceName}${MUNICIPALITIES.includes(code) ? "教育委员会" : "教育厅"}`;
}

/**
 * The synthetic national units level by level (parents first): every province but Hebei whole, and for
 * Hebei, whose bureaus the default seed writes with its exceptions (定州, 辛集, 雄安), schools only.
 */
export function nationalUnitLevels(divisions: readonly Division[]): SeedUnit[][] {
  const random = generator(20211126);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const provinces = divisions.filter((d) => d.level === "province");
  const childrenOf = new Map<string, Division[]>();
  for (const d of divisions) if (d.parentCode) childrenOf.set(d.parentCode, [...(childrenOf.get(d.parentCode) ?? []), d]);

  const levels: SeedUnit[][] = [[], [], [], []];
  const bureau = (level: number, d: Division, kind: UnitKind, parent: string, sortOrder: number) =>
    levels[level].push({ code: d.code, name: kind === "province_bureau" ? provinceBureauName(d.code, d.name) : `${d.name}教育局`, kind, parent, divisionCode: d.code, schoolCode: null, provinceAffiliated: false, sortOrder });

  for (const province of provinces) {
    const hebei = province.code === PROVINCE_CODE;
    // 学校标识码: 36 (secondary vocational school), the province's code, a serial in the province. Hebei's
    // demo schools hold serials below 500000, so its synthetic ones start there.
    let serial = hebei ? 500000 : 0;
    const schoolsUnder = (parent: string, place: string, divisionCode: string, count: number, affiliated = false) => {
      const suffixes = affiliated ? PROVINCE_SCHOOL_SUFFIXES : SCHOOL_SUFFIXES;
      for (let i = 1; i <= count; i++) {
        serial += 1;
        const code = `36${province.code}${String(serial).padStart(6, "0")}`;
        const name = `${place}${suffixes[(i - 1) % suffixes.length]}`;
        levels[3].push({ code, name, kind: "school", parent, divisionCode, schoolCode: code, provinceAffiliated: affiliated, sortOrder: (hebei ? 100 : 0) + i });
      }
    };
    if (!hebei) bureau(0, province, "province_bureau", MINISTRY_CODE, Number(province.code));
    let cityOrder = 0;
    for (const city of childrenOf.get(province.code) ?? []) {
      const counties = childrenOf.get(city.code) ?? [];
      // A grouping's counties are city-level reporting units themselves (as 定州 and 辛集 are in Hebei).
      const cityLevel = GROUPING_CITY.test(city.name) ? counties : [city];
      for (const unit of cityLevel) {
        cityOrder += 1;
        if (!hebei) bureau(1, unit, "city_bureau", province.code, cityOrder);
        schoolsUnder(unit.code, unit.name, unit.code, 1 + Math.floor(random() * 3));
        if (unit !== city) continue;
        counties.forEach((county, i) => {
          if (!hebei) bureau(2, county, "county_bureau", city.code, i + 1);
          // Hebei's county bureaus are the default seed's (雄安's three report through 雄安新区公共服务局): found by code.
          schoolsUnder(county.code, county.name, county.code, pick([1, 2, 2, 3, 3]));
        });
      }
    }
    const provinceName = province.name.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/, "");
    schoolsUnder(province.code, provinceName, `${province.code}01`, 4 + Math.floor(random() * 5), true);
  }
  return levels;
}

/** Upserts one level by code, its parents looked up by code: one statement however many rows. */
async function upsertLevel(tx: Tx, level: readonly SeedUnit[]): Promise<void> {
  for (let i = 0; i < level.length; i += 5000) {
    await tx.execute(sql`
      insert into units (code, name, kind, reporting_parent_id, division_code, school_code, province_affiliated, sort_order)
      select x.code, x.name, x.kind::unit_kind, p.id, x.division_code, x.school_code, x.province_affiliated, x.sort_order
      from json_to_recordset(${JSON.stringify(level.slice(i, i + 5000).map((u) => ({ ...u, division_code: u.divisionCode, school_code: u.schoolCode, province_affiliated: u.provinceAffiliated, sort_order: u.sortOrder })))}::json)
        as x(code text, name text, kind text, parent text, division_code text, school_code text, province_affiliated boolean, sort_order int)
      join units p on p.code = x.parent
      on conflict (code) do update set name = excluded.name, kind = excluded.kind, reporting_parent_id = excluded.reporting_parent_id,
        division_code = excluded.division_code, school_code = excluded.school_code, province_affiliated = excluded.province_affiliated`);
  }
}

/**
 * Each province (Hebei has the default seed's) publishes its copy of the notice to the units reporting to
 * it, as the province does in the portal. Returns the campaigns made now; existing ones are left alone.
 */
async function createProvinceCampaigns(tx: Tx, { now, deadline }: { now: Date; deadline: Date }): Promise<number[]> {
  const provinces = await queryRows(
    tx,
    { id: col.int, code: col.text, name: col.text, exists: col.bool },
    sql`select p.id, p.code, p.name, exists (select 1 from campaigns c where c.owner_unit_id = p.id) as exists
        from units p where p.kind = 'province_bureau' and p.code <> ${PROVINCE_CODE} order by p.code`,
  );
  const made: number[] = [];
  for (const province of provinces.filter((p) => !p.exists)) {
    const reporting = await queryRows(tx, { id: col.int }, sql`select id from units where reporting_parent_id = ${province.id} and active order by sort_order, id`);
    const campaign = await createCampaign(tx, {
      title: CAMPAIGN_TITLE,
      docNumber: `${PROVINCE_ABBREVIATIONS[province.code]}教办函〔2021〕26号`,
      issuer: `${province.name}办公室`,
      body: NOTICE_BODY.replaceAll("河北省教育厅", province.name).replaceAll("河北省", province.name.replace(/(教育厅|教育委员会)$/, "")),
      contacts: [],
      tableNotes: [],
      deadline,
      reminderOffsets: [...DEFAULT_REMINDER_OFFSETS],
      ownerUnitId: province.id,
      unitIds: reporting.map((r) => r.id),
    });
    await publishCampaign(tx, campaign.id, province.id, new Date(now.getTime() - 3 * 24 * 60 * 60 * 1000));
    made.push(campaign.id);
  }
  return made;
}

/**
 * Fills the new campaigns' tables in every state at once: by a hash of the reporting unit, about a third
 * stay drafts (half of them part-filled), a third are submitted, one in ten returned, the rest approved.
 */
async function fillTables(tx: Tx, campaignIds: number[], now: Date): Promise<void> {
  if (campaignIds.length === 0) return;
  const ids = sql.join(campaignIds.map((id) => sql`${id}`), sql`, `);
  const at = sql`${now.toISOString()}::timestamptz`;
  await tx.execute(sql`
    create temporary table seed_states on commit drop as
    select s.id, s.unit_id, s.campaign_id,
           case when b < 17 then 'draft' when b < 50 then 'submitted' when b < 62 then 'returned' else 'approved' end as status,
           b < 8 as untouched
    from submissions s cross join lateral (select abs(hashtext(s.unit_id::text || ':state')) % 100 as b) h
    where s.campaign_id in (${ids})`);
  await tx.execute(sql`
    insert into roster_entries (campaign_id, submission_id, unit_id, name, position, phone, email, school_code)
    select st.campaign_id, st.id, u.id,
           substr(${SURNAMES}, 1 + abs(hashtext(u.code || ':s')) % ${SURNAMES.length}, 1)
             || substr(${GIVEN}, 1 + abs(hashtext(u.code || ':g')) % ${GIVEN.length}, 1)
             || case when abs(hashtext(u.code || ':n')) % 3 = 0 then '' else substr(${GIVEN}, 1 + abs(hashtext(u.code || ':h')) % ${GIVEN.length}, 1) end,
           case when u.kind in ('school', 'college') then '信息中心主任' else '职成教科科长' end,
           '139' || lpad((abs(hashtext(u.code || ':p')) % 100000000)::text, 8, '0'),
           'admin' || lower(u.code) || '@example.edu.cn',
           u.school_code
    from seed_states st
    join ${subtree({ roots: sql`(select unit_id from seed_states)`, activeOnly: true })} t on t.root_id = st.unit_id
    join units u on u.id = t.id
    where not st.untouched and (st.status <> 'draft' or abs(hashtext(u.code || ':f')) % 2 = 0)
    on conflict do nothing`);
  await tx.execute(sql`
    update submissions s set status = st.status::submission_status,
           filler_name = case when st.untouched then null else '王晓明' end,
           filler_phone = case when st.untouched then null else '13912345678' end,
           submitted_at = case when st.status = 'draft' then null else ${at} - make_interval(hours => 2 + abs(hashtext(s.id::text)) % 40) end,
           return_reason = case when st.status = 'returned' then '部分学校的联系电话有误，请核对后重新提交。' end,
           updated_at = ${at}
    from seed_states st where st.id = s.id`);
  await tx.execute(sql`
    insert into submission_events (submission_id, at, action, detail)
    select s.id, s.submitted_at, 'submitted', '{"late": false, "round": 1}'::jsonb from submissions s join seed_states st on st.id = s.id where st.status <> 'draft'
    union all
    select s.id, s.submitted_at + interval '1 hour', st.status, case when st.status = 'returned' then jsonb_build_object('reason', s.return_reason, 'rowReasons', '[]'::jsonb) else '{}'::jsonb end
    from submissions s join seed_states st on st.id = s.id where st.status in ('returned', 'approved')`);
}

type NationalUser = { role: Role; roleLabel: string; unitCode: string; unitName: string; email: string; name: string; phone: string };

const NATIONAL_USERS: NationalUser[] = [
  { role: "ministry_viewer", roleLabel: "教育部查看员", unitCode: MINISTRY_CODE, unitName: "教育部", email: "ministry@demo.baosong.cn", name: "郑国华", phone: "13800138010" },
  { role: "province_admin", roleLabel: "省级管理员", unitCode: "11", unitName: "北京市教育委员会", email: "beijing-admin@demo.baosong.cn", name: "高志远", phone: "13800138011" },
  { role: "province_reviewer", roleLabel: "省级审核员", unitCode: "11", unitName: "北京市教育委员会", email: "beijing-reviewer@demo.baosong.cn", name: "杨丽娟", phone: "13800138012" },
  { role: "city_officer", roleLabel: "市级填报员", unitCode: "110101", unitName: "东城区教育局", email: "dongcheng@demo.baosong.cn", name: "何建军", phone: "13800138013" },
];

/** The national seed's own logins, printed after the default ones. */
export const NATIONAL_LOGINS: DemoLogin[] = NATIONAL_USERS.map(({ role, roleLabel, unitName, email }) => ({ role, roleLabel, unitName, email, password: DEMO_PASSWORD }));

export type NationalSeedReport = { seconds: number; unitsByKind: Record<string, number>; campaignsMade: number };

/** Seeds Hebei's demo, then the national tree, campaigns and logins; reports how long it took and what the tree holds. */
export async function seedNational(db: Db, options: SeedOptions = {}): Promise<NationalSeedReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  await seedDatabase(db, options);
  const levels = nationalUnitLevels(await readDivisions("china-divisions.csv"));
  const passwordHash = await hash(DEMO_PASSWORD, { algorithm: 2 });
  const deadline = new Date(now.getTime() + 4 * 24 * 60 * 60 * 1000);
  const campaignsMade = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('baosong:seed'))`);
    for (const level of levels) await upsertLevel(tx, level);
    const made = await createProvinceCampaigns(tx, { now, deadline });
    await fillTables(tx, made, now);
    const unitIds = new Map(
      (await queryRows(tx, { id: col.int, code: col.text }, sql`select id, code from units where code in (${sql.join(NATIONAL_USERS.map((u) => sql`${u.unitCode}`), sql`, `)})`)).map((u) => [u.code, u.id]),
    );
    await tx
      .insert(users)
      .values(NATIONAL_USERS.map((u) => ({ email: u.email, name: u.name, phone: u.phone, role: u.role, unitId: unitIds.get(u.unitCode) as number, status: "active" as const, passwordHash })))
      .onConflictDoNothing();
    return made.length;
  });
  const counts = await queryRows(db, { kind: col.text, count: col.int }, sql`select kind::text, count(*)::int as count from units group by kind order by kind`);
  return { seconds: (performance.now() - started) / 1000, unitsByKind: Object.fromEntries(counts.map((c) => [c.kind, c.count])), campaignsMade };
}
