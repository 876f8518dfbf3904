import { and, eq } from "drizzle-orm";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { bulletins, campaigns, type Role, submissionEvents, submissions, type SubmissionStatus, units, users } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER, DEMO_LOGINS } from "@/db/seed";
import { generateBulletinCommand, publishBulletinCommand } from "@/lib/bulletins/commands";
import { bulletinWorkbook } from "@/lib/bulletins/export";
import { writeWorkbook } from "@/lib/xlsx/styled-workbook";
import { type BulletinData, type BulletinRow, bulletinOpening } from "@/lib/bulletins/figures";
import { getBulletinForActor, getPublishedBulletins } from "@/lib/bulletins/queries";
import { createCampaignCommand, publishCampaignCommand } from "@/lib/campaigns/commands";
import { figuresOf } from "@/lib/campaigns/figure-counts";
import type { Figures } from "@/lib/campaigns/figures";
import type { Actor } from "@/lib/core/actor";
import { getDashboardByActor } from "@/lib/dashboard/queries";
import { approveCommand, openReviewCommand, returnCommand } from "@/lib/review/commands";
import { submitCommand } from "@/lib/submissions/commands";
import {
  actorFor,
  CITY_EMAIL,
  dataOf,
  DEADLINE,
  fillEveryRow,
  freshSeededDatabaseEachTest,
  NOW,
  run,
  saveHeader,
  submissionById,
  unitByCode,
  uploadScan,
} from "../support/actors";

const world = freshSeededDatabaseEachTest();
const login = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;
const HOUR = 60 * 60 * 1000;
const AFTER_DEADLINE = new Date(DEADLINE.getTime() + 24 * HOUR);
const XINJI = "130181";
const XINJI_SCHOOL = "3613130002";
const DINGZHOU = "130682";
const JIDIAN = "3613000001";
const JIAOTONG = "3613000002";

/** How each reporting unit of the seeded campaign ended; every unit not listed never submitted. */
type Outcome = { status: Exclude<SubmissionStatus, "draft">; late?: boolean; returns?: number };
const OUTCOMES: Record<string, Outcome> = {
  "1301": { status: "approved" }, // 石家庄: on time, approved first time
  "1302": { status: "approved", returns: 1 }, // 唐山: returned once, then approved
  "1303": { status: "submitted", late: true }, // 秦皇岛: late, not yet reviewed
  "1304": { status: "returned", returns: 1 }, // 邯郸: returned, not resubmitted
  "130682": { status: "approved", late: true }, // 定州: late, approved first time
  "XA": { status: "submitted" }, // 雄安: on time, under review
  "3613000001": { status: "approved" },
  "3613000002": { status: "submitted" },
  "3613000003": { status: "returned", late: true, returns: 2 },
  "4113000001": { status: "approved", late: true, returns: 1 },
};

async function seededCampaign(db: Db) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER));
  return campaign;
}

/** Puts the outcomes into the database as the workflow would have left them. */
async function applyOutcomes(db: Db, campaignId: number) {
  for (const [code, outcome] of Object.entries(OUTCOMES)) {
    const unit = await unitByCode(db, code);
    const submittedAt = outcome.late ? new Date(DEADLINE.getTime() + 2 * HOUR) : new Date(NOW.getTime() + HOUR);
    const [submission] = await db
      .update(submissions)
      .set({ status: outcome.status, submittedAt, late: outcome.late ?? false })
      .where(eq(submissions.unitId, unit.id))
      .returning();
    expect(submission.campaignId).toBe(campaignId);
    const events = [{ action: "submitted", at: submittedAt }];
    for (let i = 0; i < (outcome.returns ?? 0); i++) events.push({ action: "returned", at: new Date(submittedAt.getTime() + (i + 1) * 60_000) });
    await db.insert(submissionEvents).values(events.map((e) => ({ ...e, submissionId: submission.id })));
  }
}

async function generate(db: Db, campaignId: number, at = AFTER_DEADLINE) {
  const admin = await actorFor(db, login("province_admin"));
  const { bulletinId } = dataOf(await run(db, generateBulletinCommand, { campaignId, title: "关于单位系统管理员信息报送情况的通报" }, admin, at));
  const [row] = await db.select().from(bulletins).where(eq(bulletins.id, bulletinId));
  return { bulletinId, data: row.data as BulletinData, row };
}

/**
 * A campaign built by hand for the figures tests, with four reporting units:
 * - 辛集 (its bureau and two schools): submitted on time, returned naming one row (辛集市示例职业中学), resubmitted, approved;
 * - 定州 (its bureau and two schools): submitted after the deadline, not yet reviewed;
 * - 河北省示例机电工程学校 (province-affiliated, located in 石家庄): submitted after the deadline, approved first time;
 * - 河北省示例交通职业技术学校 (province-affiliated, located in 石家庄): never submitted.
 */
async function handBuiltCampaign(db: Db): Promise<number> {
  const admin = await actorFor(db, login("province_admin"));
  const reviewer = await actorFor(db, login("province_reviewer"));
  const unitIds = await Promise.all([XINJI, DINGZHOU, JIDIAN, JIAOTONG].map(async (code) => (await unitByCode(db, code)).id));
  const { campaignId } = dataOf(
    await run(
      db,
      createCampaignCommand,
      { title: "关于报送联络员信息的通知", docNumber: "冀教办函〔2025〕9号", issuer: "河北省教育厅办公室", body: "各有关单位：\n\n请按时报送。", tableNotes: "", contacts: [], deadlineDate: "2025-03-07", deadlineTime: "17:00", reminders: [], unitIds },
      admin,
    ),
  );
  dataOf(await run(db, publishCampaignCommand, { campaignId }, admin));
  const submissionFor = async (code: string) => {
    const unit = await unitByCode(db, code);
    const [submission] = await db.select().from(submissions).where(and(eq(submissions.campaignId, campaignId), eq(submissions.unitId, unit.id)));
    return submission.id;
  };
  const filler = async (code: string, role: Role) => {
    const email = `filler-${code}@test.baosong.cn`;
    await db.insert(users).values({ email, name: "测试填报员", role, unitId: (await unitByCode(db, code)).id, status: "active", passwordHash: "x" });
    return actorFor(db, email);
  };
  const submit = async (actor: Actor, submissionId: number, at: Date) => {
    await uploadScan(db, actor, submissionId);
    const { version } = await submissionById(db, submissionId);
    dataOf(await run(db, submitCommand, { submissionId, expectedVersion: version }, actor, at));
  };
  const decide = async (command: typeof approveCommand | typeof returnCommand, submissionId: number, extra: Record<string, unknown> = {}) => {
    const opened = (await submissionById(db, submissionId)).version;
    const { version } = dataOf(await run(db, openReviewCommand, { submissionId, expectedVersion: opened }, reviewer, AFTER_DEADLINE));
    dataOf(await run(db, command, { submissionId, expectedVersion: version, ...extra }, reviewer, AFTER_DEADLINE));
  };
  const ON_TIME = NOW;

  const xinji = await submissionFor(XINJI);
  const xinjiFiller = await filler(XINJI, "city_officer");
  await fillEveryRow(db, xinjiFiller, xinji, "xinji");
  await saveHeader(db, xinjiFiller, xinji);
  await submit(xinjiFiller, xinji, ON_TIME);
  const returnedRow = await unitByCode(db, XINJI_SCHOOL);
  await decide(returnCommand, xinji, { reason: "请核对学校管理员信息", rowReasons: [{ unitId: returnedRow.id, reason: "职务填写有误" }] });
  await submit(xinjiFiller, xinji, ON_TIME);
  await decide(approveCommand, xinji);

  const dingzhou = await submissionFor(DINGZHOU);
  const dingzhouFiller = await filler(DINGZHOU, "city_officer");
  await fillEveryRow(db, dingzhouFiller, dingzhou, "dingzhou");
  await saveHeader(db, dingzhouFiller, dingzhou);
  await submit(dingzhouFiller, dingzhou, AFTER_DEADLINE);

  const jidian = await submissionFor(JIDIAN);
  const jidianFiller = await filler(JIDIAN, "school_staff");
  await fillEveryRow(db, jidianFiller, jidian, "jidian");
  await saveHeader(db, jidianFiller, jidian);
  await submit(jidianFiller, jidian, AFTER_DEADLINE);
  await decide(approveCommand, jidian);
  return campaignId;
}

/** A ranked row as the tests compare it: without its unit id, submission state and time. */
const figuresOnly = (r: BulletinRow) => ({ rank: r.rank, name: r.name, ...figuresOf(r) });

const f = (expected: number, submitted: number, onTime: number, late: number, missing: number, returned: number, approved: number, firstPass: number, reviewed: number): Figures => ({
  expected,
  submitted,
  onTime,
  late,
  missing,
  returned,
  approved,
  firstPass,
  reviewed,
});

/** The hand-built campaign's figures, worked out by hand from its description (f: 应报, 已报送, 按时, 逾期, 未报送, 曾被退回, 通过, 一次通过, 已审). */
const HAND_COUNTED = {
  // 4 tables: 3 submitted (辛集 on time; 定州, 机电 late), 1 missing; 辛集 returned once; 辛集 and 机电 approved, only 机电 first time.
  tables: f(4, 3, 1, 2, 1, 1, 2, 1, 2),
  // 8 rows (3 + 3 + 1 + 1): only the one named row of 辛集 counts as returned; 辛集's other two rows and 机电 passed first time.
  covered: f(8, 7, 3, 4, 1, 1, 4, 3, 4),
  reporting: [
    { rank: 1, name: "辛集市教育局", ...f(3, 3, 3, 0, 0, 1, 3, 2, 3) },
    { rank: 2, name: "河北省示例机电工程学校", ...f(1, 1, 0, 1, 0, 0, 1, 1, 1) },
    { rank: 3, name: "定州市教育局", ...f(3, 3, 0, 3, 0, 0, 0, 0, 0) },
    { rank: 4, name: "河北省示例交通职业技术学校", ...f(1, 0, 0, 0, 1, 0, 0, 0, 0) },
  ],
  // The schools of 辛集's and 定州's tables; the two province-affiliated schools count under no city (not under 石家庄).
  cities: [
    { rank: 1, name: "辛集市教育局", ...f(2, 2, 2, 0, 0, 1, 2, 1, 2) },
    { rank: 2, name: "定州市教育局", ...f(2, 2, 0, 2, 0, 0, 0, 0, 0) },
  ],
  citiesTotal: f(4, 4, 2, 2, 0, 1, 2, 1, 2),
};

describe("the figures of a hand-built campaign", () => {
  it("count tables and covered units apart, a returned row alone as returned, and province-affiliated schools under no city", async () => {
    const { db } = world;
    const campaignId = await handBuiltCampaign(db);
    const { data } = await generate(db, campaignId);

    expect(data.overview).toEqual({ reporting: HAND_COUNTED.tables, covered: HAND_COUNTED.covered });
    expect(data.reportingUnits.rows.map(figuresOnly)).toEqual(HAND_COUNTED.reporting);
    expect(data.reportingUnits.total).toEqual(HAND_COUNTED.covered);
    expect(data.citySchools.rows.map(figuresOnly)).toEqual(HAND_COUNTED.cities);
    expect(data.citySchools.total).toEqual(HAND_COUNTED.citiesTotal);
    expect(bulletinOpening(data)).toContain("全省报送单位 4 个，已报送 3 个（其中按时报送 1 个，逾期报送 2 个），未报送 1 个，审核通过 2 个，曾被退回 1 个，一次通过率 50.0%");
    expect(bulletinOpening(data)).toContain("各表覆盖单位 8 个，已报送 7 个（其中按时报送 3 个，逾期报送 4 个），未报送 1 个，审核通过 4 个，曾被退回 1 个，一次通过率 75.0%");
  });

  it("are the dashboard's: its 报送单位 and 覆盖单位 are the bulletin's, counted now", async () => {
    const { db } = world;
    const campaignId = await handBuiltCampaign(db);
    const dashboard = (await getDashboardByActor({ db, actor: await actorFor(db, login("province_admin")), campaignId, now: AFTER_DEADLINE }))!;
    expect(dashboard.figures).toEqual(HAND_COUNTED.tables);
    expect(dashboard.totals).toMatchObject({ units: HAND_COUNTED.tables.expected, rowsExpected: HAND_COUNTED.covered.expected });
  });

  it("are the Excel file's, each table under the basis it counts in", async () => {
    const { db } = world;
    const campaignId = await handBuiltCampaign(db);
    const { data } = await generate(db, campaignId);
    const workbook = XLSX.read(await writeWorkbook(bulletinWorkbook("关于联络员信息报送情况的通报", data)), { type: "buffer" });
    expect(workbook.SheetNames).toEqual(["全省报送情况", "各报送单位", "各市学校", "通报正文"]);
    const sheet = (name: string) => XLSX.utils.sheet_to_json<(string | number)[]>(workbook.Sheets[name], { header: 1, blankrows: false });

    const header = ["应报", "已报送", "按时报送", "逾期报送", "未报送", "曾被退回", "审核通过", "一次通过率"];
    expect(sheet("全省报送情况").slice(2)).toEqual([
      ["统计口径", ...header],
      ["报送单位", 4, 3, 1, 2, 1, 1, 2, "50.0%"],
      ["覆盖单位", 8, 7, 3, 4, 1, 1, 4, "75.0%"],
    ]);
    const units = sheet("各报送单位");
    expect(units[1]).toEqual(["（表中数字按覆盖单位计，单位：个）"]);
    expect(units[2]).toEqual(["名次", "报送单位", ...header, "提交时间（北京时间）"]);
    expect(units[3].slice(0, 10)).toEqual([1, "辛集市教育局", 3, 3, 3, 0, 0, 1, 3, "66.7%"]);
    expect(units.at(-1)?.slice(1)).toEqual(["合计", 8, 7, 3, 4, 1, 1, 4, "75.0%"]);
    const cities = sheet("各市学校");
    expect(cities.slice(3, -1)).toEqual([
      [1, "辛集市教育局", 2, 2, 2, 0, 0, 1, 2, "50.0%"],
      [2, "定州市教育局", 2, 2, 0, 2, 0, 0, 0, "—"],
    ]);
    expect(cities.at(-1)?.slice(1)).toEqual(["合计", 4, 4, 2, 2, 0, 1, 2, "50.0%"]);
    const text = sheet("通报正文").map((r) => r[0]);
    expect(text.join("\n")).toContain("全省报送单位 4 个");
    expect(text.join("\n")).toContain("覆盖单位：各表中填报系统管理员的单位");
  });
});

describe("a bulletin", () => {
  it("is a snapshot: later submissions, reviews and registry edits do not change it, a new bulletin shows them", async () => {
    const { db } = world;
    const campaign = await seededCampaign(db);
    await applyOutcomes(db, campaign.id);
    const first = await generate(db, campaign.id);
    const frozen = structuredClone(first.data);

    const qinhuangdao = await unitByCode(db, "1303");
    await db.update(submissions).set({ status: "approved" }).where(eq(submissions.unitId, qinhuangdao.id));
    // 长安区示例职业中学, a leaf in 石家庄's (approved) table.
    await db.update(units).set({ active: false }).where(eq(units.code, "3613010002"));
    await db.update(units).set({ name: "改名后的唐山市教育局" }).where(eq(units.code, "1302"));
    await db.update(campaigns).set({ title: "改过的标题" }).where(eq(campaigns.id, campaign.id));

    const [again] = await db.select().from(bulletins).where(eq(bulletins.id, first.bulletinId));
    expect(again.data).toEqual(frozen);
    const admin = await actorFor(db, login("province_admin"));
    expect((await getBulletinForActor({ db, actor: admin, bulletinId: first.bulletinId }))?.data).toEqual(frozen);

    const second = await generate(db, campaign.id);
    const qinhuangdaoUnits = frozen.reportingUnits.rows.find((r) => r.name === "秦皇岛市教育局")!.expected;
    expect(second.data.reportingUnits.total.approved).toBe(frozen.reportingUnits.total.approved + qinhuangdaoUnits - 1);
    expect(second.data.reportingUnits.total.expected).toBe(frozen.reportingUnits.total.expected - 1);
    expect(second.data.reportingUnits.rows.map((r) => r.name)).toContain("改名后的唐山市教育局");
  });

  it("generated before the two bases were counted apart, is not shown as if it had been", async () => {
    const { db } = world;
    const { bulletinId, data } = await generate(db, (await seededCampaign(db)).id);
    const earlier: Record<string, unknown> = { ...data };
    delete earlier.overview;
    await db.update(bulletins).set({ data: earlier }).where(eq(bulletins.id, bulletinId));
    const admin = await actorFor(db, login("province_admin"));
    expect(await getBulletinForActor({ db, actor: admin, bulletinId })).toMatchObject({ id: bulletinId, data: null });
  });

  it("cannot be generated for a draft, nor by anyone but the province administrator", async () => {
    const { db } = world;
    const admin = await actorFor(db, login("province_admin"));
    const campaign = await seededCampaign(db);
    const draft = dataOf(
      await run(
        db,
        createCampaignCommand,
        { title: "草稿任务", docNumber: "测试〔2025〕1号", issuer: "河北省教育厅", body: "正文", tableNotes: "", contacts: [], deadlineDate: "2025-03-20", deadlineTime: "17:00", reminders: [], unitIds: [] },
        admin,
      ),
    );
    expect(await run(db, generateBulletinCommand, { campaignId: draft.campaignId, title: "关于草稿的通报" }, admin)).toMatchObject({ ok: false, formError: expect.stringContaining("尚未发布") });
    for (const role of ["province_reviewer", "city_officer", "auditor"]) {
      const result = await run(db, generateBulletinCommand, { campaignId: campaign.id, title: "关于报送情况的通报" }, await actorFor(db, login(role)));
      expect(result, role).toMatchObject({ ok: false });
    }
    expect(await db.$count(bulletins)).toBe(0);
  });
});

describe("publishing a bulletin", () => {
  it("puts it on every user's home page; until then only the province administrator can open it", async () => {
    const { db } = world;
    const campaign = await seededCampaign(db);
    const { bulletinId } = await generate(db, campaign.id);
    const admin = await actorFor(db, login("province_admin"));
    const readers = [await actorFor(db, CITY_EMAIL), await actorFor(db, login("auditor")), await actorFor(db, login("school_staff"))];

    expect(await getPublishedBulletins({ db, actor: admin })).toEqual([]);
    for (const actor of readers) expect(await getBulletinForActor({ db, actor, bulletinId })).toBeNull();
    expect(await getBulletinForActor({ db, actor: admin, bulletinId })).not.toBeNull();

    const at = new Date(AFTER_DEADLINE.getTime() + HOUR);
    dataOf(await run(db, publishBulletinCommand, { bulletinId }, admin, at));
    expect(await getPublishedBulletins({ db, actor: admin })).toEqual([expect.objectContaining({ id: bulletinId, publishedAt: at, campaignTitle: campaign.title })]);
    for (const actor of readers) expect(await getBulletinForActor({ db, actor, bulletinId })).toMatchObject({ id: bulletinId });

    expect(await run(db, publishBulletinCommand, { bulletinId }, admin)).toMatchObject({ ok: false, formError: expect.stringContaining("已于") });
  });
});
