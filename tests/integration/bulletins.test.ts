import { eq, inArray } from "drizzle-orm";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { bulletins, campaigns, submissionEvents, submissions, type SubmissionStatus, units } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER, DEMO_LOGINS } from "@/db/seed";
import { generateBulletinCommand, publishBulletinCommand } from "@/lib/bulletins/commands";
import { bulletinWorkbook } from "@/lib/bulletins/export";
import { writeWorkbook } from "@/lib/xlsx/styled-workbook";
import type { BulletinData, Figures } from "@/lib/bulletins/figures";
import { getBulletinForActor, getPublishedBulletins } from "@/lib/bulletins/queries";
import { createCampaignCommand } from "@/lib/campaigns/commands";
import { actorFor, CITY_EMAIL, dataOf, DEADLINE, freshSeededDatabaseEachTest, NOW, run, unitByCode } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const login = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;
const HOUR = 60 * 60 * 1000;
const AFTER_DEADLINE = new Date(DEADLINE.getTime() + 24 * HOUR);

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

type Unit = typeof units.$inferSelect;

/** The expected figures, worked out from the fixture and the unit tree (not from the query under test). */
async function expectedFigures(db: Db, campaignId: number) {
  const all = await db.select().from(units);
  const byId = new Map(all.map((u) => [u.id, u]));
  const root = all.find((u) => u.kind === "province_bureau")!;
  const topOf = (u: Unit): Unit => (u.reportingParentId === root.id ? u : topOf(byId.get(u.reportingParentId!)!));
  const activeSubtree = (u: Unit): Unit[] => (u.active ? [u, ...all.filter((c) => c.reportingParentId === u.id).flatMap(activeSubtree)] : []);
  const assigned = await db.select({ unitId: submissions.unitId }).from(submissions).where(eq(submissions.campaignId, campaignId));

  const figuresOf = (outcome: Outcome | undefined, n: number): Figures => {
    const submitted = outcome ? n : 0;
    const late = outcome?.late ? n : 0;
    const returned = outcome?.returns ? n : 0;
    const approved = outcome?.status === "approved" ? n : 0;
    return {
      expected: n,
      submitted,
      onTime: submitted - late,
      late,
      missing: n - submitted,
      returned,
      approved,
      firstPass: approved && !returned ? n : 0,
      reviewed: approved || returned ? n : 0,
    };
  };
  const add = (a: Figures, b: Figures): Figures => Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Figures] + b[k as keyof Figures]])) as Figures;
  const zero = figuresOf(undefined, 0);

  const perUnit = new Map<number, { unit: Unit; figures: Figures }>();
  for (const { unitId } of assigned) {
    const unit = byId.get(unitId)!;
    for (const covered of activeSubtree(unit)) perUnit.set(covered.id, { unit: covered, figures: figuresOf(OUTCOMES[unit.code], 1) });
  }
  const reporting = assigned.map(({ unitId }) => {
    const unit = byId.get(unitId)!;
    return { name: unit.name, sortOrder: unit.sortOrder, figures: figuresOf(OUTCOMES[unit.code], activeSubtree(unit).length) };
  });

  const cityOfSchool = (school: Unit): Unit => {
    const top = topOf(school);
    return top.kind === "city_bureau" ? top : topOf(all.find((u) => u.code === school.divisionCode)!);
  };
  const cities = new Map<number, { name: string; sortOrder: number; figures: Figures }>();
  for (const { unit, figures } of perUnit.values()) {
    if (unit.kind !== "school" && unit.kind !== "college") continue;
    const city = cityOfSchool(unit);
    const entry = cities.get(city.id) ?? { name: city.name, sortOrder: city.sortOrder, figures: zero };
    cities.set(city.id, { ...entry, figures: add(entry.figures, figures) });
  }

  /** Ranked by approved share, then submitted share, then on-time share; equal shares share a rank. */
  const ranked = (rows: { name: string; sortOrder: number; figures: Figures }[]) => {
    const key = (f: Figures) => [f.approved / f.expected, f.submitted / f.expected, f.onTime / f.expected];
    const sorted = [...rows].sort((a, b) => {
      const [ka, kb] = [key(a.figures), key(b.figures)];
      return kb[0] - ka[0] || kb[1] - ka[1] || kb[2] - ka[2] || a.sortOrder - b.sortOrder;
    });
    const beats = (a: number[], b: number[]) => a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])));
    return sorted.map((r) => ({ ...r.figures, name: r.name, rank: 1 + sorted.filter((o) => beats(key(o.figures), key(r.figures))).length }));
  };
  return {
    reporting: ranked(reporting),
    reportingTotal: reporting.reduce((sum, r) => add(sum, r.figures), zero),
    cities: ranked([...cities.values()]),
    citiesTotal: [...cities.values()].reduce((sum, r) => add(sum, r.figures), zero),
  };
}

const figuresOnly = (r: Figures & { name: string; rank: number }) => ({
  name: r.name,
  rank: r.rank,
  expected: r.expected,
  submitted: r.submitted,
  onTime: r.onTime,
  late: r.late,
  missing: r.missing,
  returned: r.returned,
  approved: r.approved,
  firstPass: r.firstPass,
  reviewed: r.reviewed,
});

async function generate(db: Db, campaignId: number, at = AFTER_DEADLINE) {
  const admin = await actorFor(db, login("province_admin"));
  const { bulletinId } = dataOf(await run(db, generateBulletinCommand, { campaignId, title: "关于单位系统管理员信息报送情况的通报" }, admin, at));
  const [row] = await db.select().from(bulletins).where(eq(bulletins.id, bulletinId));
  return { bulletinId, data: row.data as BulletinData, row };
}

describe("the bulletin's figures", () => {
  it("match the outcomes of the seeded campaign, per reporting unit and per city's schools, ranked", async () => {
    const { db } = world;
    const campaign = await seededCampaign(db);
    await applyOutcomes(db, campaign.id);
    const expected = await expectedFigures(db, campaign.id);
    const { data, row } = await generate(db, campaign.id);

    expect(row).toMatchObject({ campaignId: campaign.id, generatedAt: AFTER_DEADLINE, publishedAt: null });
    expect(data.generatedAt).toBe(AFTER_DEADLINE.toISOString());
    expect(data.campaign).toMatchObject({ title: campaign.title, docNumber: CAMPAIGN_DOC_NUMBER, issuer: "河北省教育厅办公室", salutation: "各市（含定州、辛集市）教育局、雄安新区公共服务局，省属中职学校，有关高职院校：" });

    expect(data.reportingUnits.rows).toHaveLength(24);
    expect(data.reportingUnits.rows.map(figuresOnly)).toEqual(expected.reporting);
    expect(data.reportingUnits.total).toEqual(expected.reportingTotal);
    expect(data.citySchools.rows.map(figuresOnly)).toEqual(expected.cities);
    expect(data.citySchools.total).toEqual(expected.citiesTotal);

    // Spot checks a reader can follow: 石家庄 leads (all approved first time), 邯郸 was returned and so is not approved.
    const shijiazhuang = data.reportingUnits.rows.find((r) => r.name === "石家庄市教育局")!;
    expect(shijiazhuang).toMatchObject({ rank: 1, missing: 0, late: 0, returned: 0 });
    expect(shijiazhuang.approved).toBe(shijiazhuang.expected);
    const handan = data.reportingUnits.rows.find((r) => r.name === "邯郸市教育局")!;
    expect(handan).toMatchObject({ approved: 0, missing: 0, firstPass: 0 });
    expect(handan.returned).toBe(handan.expected);
    expect(data.reportingUnits.rows.at(-1)).toMatchObject({ approved: 0, submitted: 0 });
    // Every unit counts once: the schools table's total is the schools among the reporting table's units.
    expect(data.citySchools.total.expected).toBe(await db.$count(units, inArray(units.kind, ["school", "college"])));
  });

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

  it("cannot be generated for a draft, nor by anyone but the province administrator", async () => {
    const { db } = world;
    const admin = await actorFor(db, login("province_admin"));
    const campaign = await seededCampaign(db);
    const draft = dataOf(
      await run(
        db,
        createCampaignCommand,
        { title: "草稿任务", docNumber: "测试〔2025〕1号", issuer: "河北省教育厅", body: "正文", contacts: [], deadlineDate: "2025-03-20", deadlineTime: "17:00", reminders: [], unitIds: [] },
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

describe("the Excel export", () => {
  it("holds the same ranked figures, a 合计 row and the text, read back with SheetJS", async () => {
    const { db } = world;
    const campaign = await seededCampaign(db);
    await applyOutcomes(db, campaign.id);
    const { data } = await generate(db, campaign.id);
    const workbook = XLSX.read(await writeWorkbook(bulletinWorkbook("关于单位系统管理员信息报送情况的通报", data)), { type: "buffer" });
    expect(workbook.SheetNames).toEqual(["各报送单位", "各市学校", "通报正文"]);

    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(workbook.Sheets["各报送单位"], { header: 1, blankrows: false });
    expect(rows[1]).toEqual(["名次", "报送单位", "应报单位", "已报送", "按时报送", "逾期报送", "未报送", "曾被退回", "审核通过", "一次通过率", "提交时间（北京时间）"]);
    const first = data.reportingUnits.rows[0];
    expect(rows[2].slice(0, 9)).toEqual([first.rank, first.name, first.expected, first.submitted, first.onTime, first.late, first.missing, first.returned, first.approved]);
    const total = data.reportingUnits.total;
    expect(rows.at(-1)?.slice(1, 9)).toEqual(["合计", total.expected, total.submitted, total.onTime, total.late, total.missing, total.returned, total.approved]);
    expect(rows).toHaveLength(2 + data.reportingUnits.rows.length + 1);

    const text = XLSX.utils.sheet_to_json<string[]>(workbook.Sheets["通报正文"], { header: 1, blankrows: false }).map((r) => r[0]);
    expect(text[0]).toBe("关于单位系统管理员信息报送情况的通报");
    expect(text.join("\n")).toContain(`全省应报单位 ${total.expected} 个`);
  });
});
