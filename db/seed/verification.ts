// The demo's 数据核验 (§三.3 of 冀教办函〔2021〕26号): a verification task for 2021学年 drawing on the roster task's units,
// and synthetic reference data imported as the province imports it (学校（机构）代码, 教育事业统计 and 学生系统 for 2021,
// 教育事业统计 for 2020 as the 同比 base), with a few deliberate differences so that the rules find items for 石家庄's
// 长安区示例职业中学 and for the province-affiliated 河北省示例机电工程学校 (the demo school login's). Every step is
// idempotent: the task is made once, the same file imported again changes nothing, the rules find the same items.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../index";
import { col, queryRows } from "../rows";
import { campaignAssignments, campaigns, type ReferenceSource, units, users } from "../schema";
import { publishCampaign } from "@/lib/campaigns/lifecycle";
import type { Actor } from "@/lib/core/actor";
import { executeCommand } from "@/lib/core/command";
import { activeSubtreeIds } from "@/lib/units/tree";
import { createVerificationCampaign } from "@/lib/verification/lifecycle";
import { runVerification } from "@/lib/verification/rules/engine";
import { commitSnapshotCommand } from "@/lib/verification/snapshots/commands";
import { SOURCES } from "@/lib/verification/sources";
import { sha256 } from "@/lib/xlsx/parse";
import { CAMPAIGN_DOC_NUMBER, DEMO_LOGINS } from "./index";

export const VERIFICATION_TITLE = "全国中等职业学校管理信息系统存量数据核验";
export const VERIFICATION_YEAR = 2021;

const VERIFICATION_BODY = `各市（含定州、辛集市）教育局、雄安新区公共服务局，省属中职学校，有关高职院校：

按照《关于做好全国中等职业学校管理信息系统应用准备工作的通知》（冀教办函〔2021〕26号）第三部分第3项安排，请对从全国中等职业学校学生管理信息系统、学校（机构）代码管理信息系统、全国教师管理信息系统自动导入的存量数据和关联性数据进行核验，确保各类数据的一致性和完整性。

各学校逐项处理本校的核验问题：错误须在源系统中更正，提示须更正或作情况说明。县（区）、市逐级确认后统一提交，省教育厅确认。`;

/** The deliberate differences, by 学校标识码 (each school's items are exactly these). */
export const DEMO_DISCREPANCIES = {
  /** 长安区示例职业中学: registered under another name in the code registry, and absent from 学生系统. */
  changan: { schoolCode: "3613010002", keys: ["missing_from_source:students", "name_differs"] },
  /** 河北省示例机电工程学校: 学生系统 counts 40% fewer students than 事业统计, and its 教学仪器设备总值 is blank. */
  provincial: { schoolCode: "3613000001", keys: ["blank_indicator:statistics.equipmentValue", "students_vs_statistics"] },
} as const;
const { changan, provincial } = DEMO_DISCREPANCIES;

const DAY_MS = 24 * 60 * 60 * 1000;
const ADMIN_EMAIL = DEMO_LOGINS.find((l) => l.role === "province_admin")!.email;

type School = { schoolCode: string; name: string; divisionCode: string | null };
type Cell = string | number | null;

/** A school's synthetic figures: plausible, distinct, and within every rule's tolerance unless placed otherwise. */
function figures(i: number) {
  const students = 900 + ((i * 373) % 2400);
  return {
    students,
    teachers: Math.round(students / 14),
    landArea: 40000 + ((i * 7919) % 90000),
    buildingArea: 25000 + ((i * 3571) % 60000),
    equipmentValue: 600 + ((i * 131) % 1500),
    books: 8 + (i % 25),
  };
}

/** The rows of each file, header first, in the sources' own labels. */
function files(schools: School[]): { source: ReferenceSource; schoolYear: number; rows: Cell[][] }[] {
  const header = (source: ReferenceSource) => SOURCES[source].fields.map((f) => f.label);
  const codes = schools.map((s) => [s.schoolCode, s.schoolCode === changan.schoolCode ? `石家庄市${s.name}` : s.name, s.divisionCode ?? "13", "地方教育部门", "中等职业学校", "正常"]);
  const statistics = (year: number) =>
    schools.map((s, i) => {
      const f = figures(i);
      // The year before: about 5% fewer students, the rest as this year, well within 同比's 30%.
      const students = year === VERIFICATION_YEAR ? f.students : Math.round(f.students * 0.95);
      const blank = year === VERIFICATION_YEAR && s.schoolCode === provincial.schoolCode;
      return [s.schoolCode, s.name, students, f.teachers, f.landArea, f.buildingArea, blank ? null : f.equipmentValue, f.books];
    });
  const students = schools
    .filter((s) => s.schoolCode !== changan.schoolCode)
    .map((s) => {
      const i = schools.indexOf(s);
      const enrolled = s.schoolCode === provincial.schoolCode ? Math.round(figures(i).students * 0.6) : figures(i).students;
      const grade1 = Math.round(enrolled * 0.36);
      const grade2 = Math.round(enrolled * 0.33);
      return [s.schoolCode, s.name, grade1, grade2, enrolled - grade1 - grade2, enrolled];
    });
  return [
    { source: "school_codes", schoolYear: VERIFICATION_YEAR, rows: [header("school_codes"), ...codes] },
    { source: "statistics", schoolYear: VERIFICATION_YEAR - 1, rows: [header("statistics"), ...statistics(VERIFICATION_YEAR - 1)] },
    { source: "statistics", schoolYear: VERIFICATION_YEAR, rows: [header("statistics"), ...statistics(VERIFICATION_YEAR)] },
    { source: "students", schoolYear: VERIFICATION_YEAR, rows: [header("students"), ...students] },
  ];
}

/** The file as a source system exports it: UTF-8 CSV with its BOM, byte for byte the same on every run. */
function csvFile(name: string, rows: Cell[][]): File {
  const text = rows.map((r) => r.map((c) => (c === null ? "" : String(c))).join(",")).join("\r\n");
  return new File([new TextEncoder().encode(`\uFEFF${text}\r\n`)], name, { type: "text/csv" });
}

export async function seedDemoVerification(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<{ created: boolean; items: number }> {
  const [admin] = await db
    .select({ user: users, unit: { name: units.name, kind: units.kind } })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.email, ADMIN_EMAIL), eq(users.status, "active")));
  if (!admin) return { created: false, items: 0 };
  const task = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('baosong:seed-verification'))`);
    const [roster] = await tx.select().from(campaigns).where(and(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER), eq(campaigns.kind, "roster")));
    if (!roster) return null;
    const [existing] = await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER), eq(campaigns.kind, "verification")));
    if (existing) return { id: existing.id, created: false };
    const unitIds = (await tx.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, roster.id))).map((a) => a.unitId);
    const campaign = await createVerificationCampaign(tx, {
      title: VERIFICATION_TITLE,
      docNumber: CAMPAIGN_DOC_NUMBER,
      issuer: roster.issuer,
      body: VERIFICATION_BODY,
      contacts: roster.contacts,
      tableNotes: [],
      // Confirmed a week after the administrators' table is due.
      deadline: new Date(roster.deadline.getTime() + 7 * DAY_MS),
      reminderOffsets: roster.reminderOffsets,
      ownerUnitId: roster.ownerUnitId,
      unitIds,
      schoolYear: VERIFICATION_YEAR,
    });
    await publishCampaign(tx, campaign.id, roster.ownerUnitId, now, { notify: false });
    return { id: campaign.id, created: true };
  });
  if (!task) return { created: false, items: 0 };

  // The registry's schools below the task's units, as the rules read them.
  const schools = await queryRows(
    db,
    { schoolCode: col.text, name: col.text, divisionCode: col.textOrNull },
    sql`select u.school_code as "schoolCode", u.name, u.division_code as "divisionCode" from units u
        where u.id in ${activeSubtreeIds(sql`(select unit_id from campaign_assignments where campaign_id = ${task.id})`)}
          and u.kind in ('school', 'college') and u.school_code is not null
        order by u.school_code`,
  );
  const actor: Actor = {
    userId: admin.user.id,
    sessionId: "seed",
    name: admin.user.name,
    email: admin.user.email,
    role: admin.user.role,
    unitId: admin.user.unitId,
    unitName: admin.unit.name,
    unitKind: admin.unit.kind,
  };
  // Through the province's own import, audited as the seed's act of the administrator; the same file again is 不变.
  for (const { source, schoolYear, rows } of files(schools)) {
    const file = csvFile(`${SOURCES[source].label}${schoolYear}学年.csv`, rows);
    const fileHash = sha256(new Uint8Array(await file.arrayBuffer()));
    const result = await executeCommand(commitSnapshotCommand, { source, schoolYear, file, fileHash }, { db, actor, ip: null, now });
    if (!result.ok) throw new Error(`seeding the ${source} ${schoolYear} snapshot failed: ${JSON.stringify(result)}`);
  }
  const run = await db.transaction((tx) => runVerification(tx, { campaignId: task.id, now }));
  return { created: task.created, items: run.found };
}

