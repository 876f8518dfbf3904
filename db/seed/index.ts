import { readFile } from "node:fs/promises";
import { hash } from "@node-rs/argon2";
import { and, eq, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../index";
import { createCampaign, publishCampaign } from "@/lib/campaigns/lifecycle";
import { ATTACHMENT_TYPES } from "@/lib/campaigns/attachments";
import { DEFAULT_REMINDER_OFFSETS } from "@/lib/campaigns/schedule";
import { TABLE_TITLE } from "@/lib/roster/template";
import { officialTableWorkbook } from "@/lib/xlsx/tables";
import { writeWorkbook } from "@/lib/xlsx/styled-workbook";
import { campaignAttachments, type CampaignContact, campaigns, type Role, type UnitKind, units, users } from "../schema";
import { NOTICE_BODY, NOTICE_TABLE_NOTES } from "./notice";

/** 教育部: the one root (its code is no division's); 0010_ministry_root.sql gives an existing tree the same one. */
export const MINISTRY_CODE = "MOE";
export const MINISTRY_NAME = "教育部";
export const PROVINCE_CODE = "13";
export const XIONGAN_CODE = "XA";
const DINGZHOU_CODE = "130682";
const XINJI_CODE = "130181";
/** 容城县, 安新县, 雄县: administratively under 保定, but they report through 雄安新区公共服务局. */
const XIONGAN_COUNTY_CODES = ["130629", "130632", "130638"];
const PREFECTURE_CODES = ["1301", "1302", "1303", "1304", "1305", "1306", "1307", "1308", "1309", "1310", "1311"];

/** The 14 city-level reporting units, in the order the province lists them: the 11 cities, then 定州, 辛集, 雄安. */
export const CITY_LEVEL_CODES: readonly string[] = [...PREFECTURE_CODES, DINGZHOU_CODE, XINJI_CODE, XIONGAN_CODE];

export const CAMPAIGN_DOC_NUMBER = "冀教办函〔2021〕26号";
export const CAMPAIGN_TITLE = "关于做好全国中等职业学校管理信息系统应用准备工作的通知";
const CAMPAIGN_ISSUER = "河北省教育厅办公室";
const CAMPAIGN_CONTACTS: CampaignContact[] = [
  { name: "孙志河", phone: "0311-66005705", email: "724456068@qq.com", role: "业务联系人" },
  { name: "程鹏", phone: "18531128687", email: "hebeixpc@pthink.com.cn", role: "技术支持" },
];
/** The notice's own deadline: 11月26日17时 (Beijing time). */
const HISTORICAL_DEADLINE = new Date("2021-11-26T17:00:00+08:00");

/** Printed by `npm run demo`; a demo credential, not a secret. */
export const DEMO_PASSWORD = "Demo@2021pass";

type DemoSchool = {
  /** 学校标识码, also used as the unit code: 36 = secondary vocational school, 41 = college; 13 = Hebei. */
  code: string;
  name: string;
  /** Unit code of the reporting parent; the province's code makes the school province-affiliated (省属). */
  parent: string;
  kind?: "college";
  /** Where the school sits, when its reporting parent does not say (province-affiliated schools, 雄安). */
  division?: string;
};

/** Fictional schools (every name says 示例): two or three per city-level unit, and the province-affiliated ones. */
const DEMO_SCHOOLS: DemoSchool[] = [
  { code: "3613010001", name: "石家庄市示例职业技术教育中心", parent: "1301" },
  { code: "3613010002", name: "长安区示例职业中学", parent: "130102" },
  { code: "3613010003", name: "正定县示例职业技术教育中心", parent: "130123" },
  { code: "3613020001", name: "唐山市示例职业教育中心", parent: "1302" },
  { code: "3613020002", name: "路南区示例职业中专", parent: "130202" },
  { code: "3613030001", name: "秦皇岛市示例中等专业学校", parent: "1303" },
  { code: "3613030002", name: "北戴河区示例旅游职业学校", parent: "130304" },
  { code: "3613040001", name: "邯郸市示例职业技术学校", parent: "1304" },
  { code: "3613040002", name: "丛台区示例职业技术教育中心", parent: "130403" },
  { code: "3613040003", name: "峰峰矿区示例职业技术教育中心", parent: "130406" },
  { code: "3613050001", name: "邢台市示例职业技术教育中心", parent: "1305" },
  { code: "3613050002", name: "任泽区示例职业技术教育中心", parent: "130505" },
  { code: "3613060001", name: "保定市示例职业技术学校", parent: "1306" },
  { code: "3613060002", name: "清苑区示例职业技术教育中心", parent: "130608" },
  { code: "3613070001", name: "张家口市示例职业技术教育中心", parent: "1307" },
  { code: "3613070002", name: "宣化区示例职业技术教育中心", parent: "130705" },
  { code: "3613080001", name: "承德市示例中等职业学校", parent: "1308" },
  { code: "3613080002", name: "承德县示例职业技术教育中心", parent: "130821" },
  { code: "3613090001", name: "沧州市示例职业技术教育中心", parent: "1309" },
  { code: "3613090002", name: "青县示例职业技术教育中心", parent: "130922" },
  { code: "3613100001", name: "廊坊市示例职业技术学校", parent: "1310" },
  { code: "3613100002", name: "固安县示例职业技术教育中心", parent: "131022" },
  { code: "3613110001", name: "衡水市示例职业技术教育中心", parent: "1311" },
  { code: "3613110002", name: "枣强县示例职业技术教育中心", parent: "131121" },
  { code: "3613120001", name: "定州市示例职业技术教育中心", parent: DINGZHOU_CODE },
  { code: "3613120002", name: "定州市示例中等专业学校", parent: DINGZHOU_CODE },
  { code: "3613130001", name: "辛集市示例职业技术教育中心", parent: XINJI_CODE },
  { code: "3613130002", name: "辛集市示例职业中学", parent: XINJI_CODE },
  { code: "3613140001", name: "雄安新区示例职业技术学校", parent: XIONGAN_CODE, division: "130638" },
  { code: "3613140002", name: "容城县示例职业技术教育中心", parent: "130629" },
  { code: "3613140003", name: "雄县示例职业技术教育中心", parent: "130638" },
  { code: "3613000001", name: "河北省示例机电工程学校", parent: PROVINCE_CODE, division: "1301" },
  { code: "3613000002", name: "河北省示例交通职业技术学校", parent: PROVINCE_CODE, division: "1301" },
  { code: "3613000003", name: "河北省示例艺术职业学校", parent: PROVINCE_CODE, division: "1301" },
  { code: "3613000004", name: "河北省示例体育运动学校", parent: PROVINCE_CODE, division: "1301" },
  { code: "3613000005", name: "河北省示例城乡建设学校", parent: PROVINCE_CODE, division: "1301" },
  { code: "3613000006", name: "河北省示例商贸学校", parent: PROVINCE_CODE, division: "1301" },
  { code: "3613000007", name: "河北省示例农业机械化学校", parent: PROVINCE_CODE, division: "1306" },
  { code: "3613000008", name: "河北省示例经济管理学校", parent: PROVINCE_CODE, division: "1301" },
  { code: "4113000001", name: "河北示例工业职业技术学院（中职部）", parent: PROVINCE_CODE, kind: "college", division: "1301" },
  { code: "4113000002", name: "河北示例旅游职业学院（中职部）", parent: PROVINCE_CODE, kind: "college", division: "1308" },
];

const DEMO_USERS: { role: Role; roleLabel: string; unitCode: string; unitName: string; email: string; name: string; phone: string }[] = [
  { role: "province_admin", roleLabel: "省级管理员", unitCode: PROVINCE_CODE, unitName: "河北省教育厅", email: "admin@demo.baosong.cn", name: "李文华", phone: "13800138001" },
  { role: "province_reviewer", roleLabel: "省级审核员", unitCode: PROVINCE_CODE, unitName: "河北省教育厅", email: "reviewer@demo.baosong.cn", name: "张立新", phone: "13800138002" },
  { role: "city_officer", roleLabel: "市级填报员", unitCode: "1301", unitName: "石家庄市教育局", email: "shijiazhuang@demo.baosong.cn", name: "刘海燕", phone: "13800138003" },
  { role: "county_officer", roleLabel: "县级填报员", unitCode: "130102", unitName: "长安区教育局", email: "changan@demo.baosong.cn", name: "赵志刚", phone: "13800138004" },
  { role: "school_staff", roleLabel: "学校填报员", unitCode: "3613000001", unitName: "河北省示例机电工程学校", email: "school@demo.baosong.cn", name: "陈晓梅", phone: "13800138005" },
  { role: "auditor", roleLabel: "审计管理员", unitCode: PROVINCE_CODE, unitName: "河北省教育厅", email: "auditor@demo.baosong.cn", name: "周明", phone: "13800138006" },
  { role: "security_admin", roleLabel: "安全管理员", unitCode: PROVINCE_CODE, unitName: "河北省教育厅", email: "security@demo.baosong.cn", name: "吴建华", phone: "13800138007" },
];

export type DemoLogin = { role: Role; roleLabel: string; unitName: string; email: string; password: string };

export const DEMO_LOGINS: DemoLogin[] = DEMO_USERS.map(({ role, roleLabel, unitName, email }) => ({ role, roleLabel, unitName, email, password: DEMO_PASSWORD }));

export type SeedOptions = {
  /** Use the notice's real deadline (2021-11-26 17:00 +08:00) instead of one four days ahead. */
  historical?: boolean;
  now?: Date;
};

/** Seeds the Hebei reporting hierarchy, demo schools and users, and the notice's campaign. Safe to run again. */
export async function seedDatabase(db: Db, options: SeedOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const deadline = options.historical ? HISTORICAL_DEADLINE : beijingFivePm(now, 4);
  // The notice is undated; publishing it a week before a historical deadline keeps the timeline plausible.
  const publishedAt = options.historical ? new Date(deadline.getTime() - 7 * DAY_MS) : now;
  const levels = unitLevels(await readDivisions("hebei-divisions.csv"));
  // Hashed outside the transaction so the slow part holds no locks.
  const passwordHash = await hash(DEMO_PASSWORD, { algorithm: 2 });

  await db.transaction(async (tx) => {
    // campaigns.doc_number has no unique key: serialize concurrent seeds so neither inserts the campaign twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('baosong:seed'))`);
    const unitIds = await upsertUnits(tx, levels);
    const assigned = [...CITY_LEVEL_CODES, ...DEMO_SCHOOLS.filter((s) => s.parent === PROVINCE_CODE).map((s) => s.code)];
    await upsertCampaign(tx, { deadline, publishedAt, ownerUnitId: required(unitIds, PROVINCE_CODE), unitIds: assigned.map((code) => required(unitIds, code)) });
    await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, phone: u.phone, role: u.role, unitId: required(unitIds, u.unitCode), status: "active" as const, passwordHash })))
      // An existing account keeps its password and state: the demo may have changed them.
      .onConflictDoNothing();
  });
}

export type Division = { code: string; name: string; level: string; parentCode: string | null };

/** A division list of db/seed/data (code,name,level,parent_code: provinces, cities, counties). */
export async function readDivisions(file: "hebei-divisions.csv" | "china-divisions.csv"): Promise<Division[]> {
  const text = await readFile(new URL(`./data/${file}`, import.meta.url), "utf8");
  const [header, ...lines] = text.trim().split("\n");
  if (header !== "code,name,level,parent_code") throw new Error(`${file}: unexpected header ${header}`);
  return lines.map((line) => {
    const [code, name, level, parentCode] = line.split(",");
    return { code, name, level, parentCode: parentCode || null };
  });
}

type UnitRow = {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  divisionCode: string | null;
  schoolCode: string | null;
  provinceAffiliated: boolean;
};

/** The units level by level, so that every parent is written before its children. */
function unitLevels(divisions: Division[]): UnitRow[][] {
  const divisionName = new Map(divisions.map((d) => [d.code, d.name]));
  const bureau = (code: string, kind: UnitKind, parent: string | null, name = `${required(divisionName, code)}教育局`): UnitRow => ({
    code,
    name,
    kind,
    parent,
    divisionCode: code,
    schoolCode: null,
    provinceAffiliated: false,
  });

  const ministry = { ...bureau(MINISTRY_CODE, "ministry", null, MINISTRY_NAME), divisionCode: null };
  const province = bureau(PROVINCE_CODE, "province_bureau", MINISTRY_CODE, "河北省教育厅");
  const cityLevel = CITY_LEVEL_CODES.map((code) =>
    code === XIONGAN_CODE ? { ...bureau(code, "city_bureau", PROVINCE_CODE, "雄安新区公共服务局"), divisionCode: null } : bureau(code, "city_bureau", PROVINCE_CODE),
  );
  const counties = divisions
    .filter((d) => d.level === "county" && !CITY_LEVEL_CODES.includes(d.code))
    .map((d) => bureau(d.code, "county_bureau", XIONGAN_COUNTY_CODES.includes(d.code) ? XIONGAN_CODE : d.parentCode));
  const parentDivision = new Map([province, ...cityLevel, ...counties].map((u) => [u.code, u.divisionCode]));
  const schools = DEMO_SCHOOLS.map(
    (s): UnitRow => ({
      code: s.code,
      name: s.name,
      kind: s.kind ?? "school",
      parent: s.parent,
      divisionCode: s.division ?? required(parentDivision, s.parent),
      schoolCode: s.code,
      provinceAffiliated: s.parent === PROVINCE_CODE,
    }),
  );
  return [[ministry], [province], cityLevel, counties, schools];
}

/** Upserts by code; sortOrder is a unit's position among its parent's children. Returns unit ids by code. */
async function upsertUnits(tx: Tx, levels: UnitRow[][]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const childCount = new Map<string | null, number>();
  for (const level of levels) {
    const values = level.map(({ parent, ...unit }) => {
      const sortOrder = (childCount.get(parent) ?? 0) + 1;
      childCount.set(parent, sortOrder);
      return { ...unit, reportingParentId: parent === null ? null : required(ids, parent), sortOrder };
    });
    const rows = await tx
      .insert(units)
      .values(values)
      .onConflictDoUpdate({
        target: units.code,
        set: {
          name: excluded(units.name),
          kind: excluded(units.kind),
          reportingParentId: excluded(units.reportingParentId),
          divisionCode: excluded(units.divisionCode),
          schoolCode: excluded(units.schoolCode),
          provinceAffiliated: excluded(units.provinceAffiliated),
          sortOrder: excluded(units.sortOrder),
        },
      })
      .returning({ id: units.id, code: units.code });
    for (const row of rows) ids.set(row.code, row.id);
  }
  return ids;
}

/**
 * Refreshes the notice's text but never its deadline, units or status: those belong to whoever runs the
 * campaign. A new one is made as the province makes one in the portal: a draft with its units, then published.
 */
async function upsertCampaign(tx: Tx, { deadline, publishedAt, ownerUnitId, unitIds }: { deadline: Date; publishedAt: Date; ownerUnitId: number; unitIds: number[] }): Promise<void> {
  const content = { title: CAMPAIGN_TITLE, issuer: CAMPAIGN_ISSUER, body: NOTICE_BODY, contacts: CAMPAIGN_CONTACTS, tableNotes: [...NOTICE_TABLE_NOTES] };
  // The demo's training and verification tasks carry the same doc number: only the roster task is the notice's table.
  const [existing] = await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER), eq(campaigns.kind, "roster")));
  if (existing) {
    await tx.update(campaigns).set(content).where(eq(campaigns.id, existing.id));
    await attachTemplate(tx, existing.id, publishedAt);
    return;
  }
  const campaign = await createCampaign(tx, { ...content, docNumber: CAMPAIGN_DOC_NUMBER, deadline, reminderOffsets: [...DEFAULT_REMINDER_OFFSETS], ownerUnitId, unitIds });
  await attachTemplate(tx, campaign.id, publishedAt);
  await publishCampaign(tx, campaign.id, ownerUnitId, publishedAt);
}

/** 「详见附件」: the notice's attachment, the blank 《单位系统管理员实名信息表》, as the province would upload it; once. */
async function attachTemplate(tx: Tx, campaignId: number, uploadedAt: Date): Promise<void> {
  const fileName = `附件：${TABLE_TITLE}.xlsx`;
  const attached = await tx.$count(campaignAttachments, and(eq(campaignAttachments.campaignId, campaignId), eq(campaignAttachments.fileName, fileName)));
  if (attached > 0) return;
  const content = await writeWorkbook(officialTableWorkbook({ reportingUnitName: "", fillerName: null, fillerPhone: null, rows: [], notes: NOTICE_TABLE_NOTES }));
  await tx.insert(campaignAttachments).values({ campaignId, fileName, mimeType: ATTACHMENT_TYPES.xlsx, size: content.length, content, uploadedAt });
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Beijing time is UTC+8 all year (no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 17:00 Beijing time on the Beijing calendar date `days` after `now`. */
function beijingFivePm(now: Date, days: number): Date {
  const beijing = new Date(now.getTime() + BEIJING_OFFSET_MS);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + days, 17) - BEIJING_OFFSET_MS);
}

/** The value the conflicting insert proposed for `column`, in an ON CONFLICT DO UPDATE. */
function excluded(column: PgColumn) {
  return sql.raw(`excluded."${column.name}"`);
}

function required<K, V>(map: Map<K, V>, key: K): V {
  if (!map.has(key)) throw new Error(`seed: unknown code ${String(key)}`);
  return map.get(key) as V;
}
