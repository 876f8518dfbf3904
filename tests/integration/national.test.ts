// Five levels (部 → 省 → 市 → 县 → 校): the national seed's tree, and that a province sees its own province
// only while 教育部's viewer reads every province's completeness and changes nothing.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { col, queryRows } from "@/db/rows";
import { campaigns, submissions, units } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER, DEMO_LOGINS, MINISTRY_CODE, PROVINCE_CODE } from "@/db/seed";
import { NATIONAL_LOGINS, seedNational } from "@/db/seed/national";
import { countAuditRows } from "@/lib/audit/queries";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { isUnitInScope } from "@/lib/authz/scope";
import { closeCampaignCommand } from "@/lib/campaigns/commands";
import { getCampaignForAdmin, getCampaignsForAdmin, getTasksByActor } from "@/lib/campaigns/queries";
import type { Actor } from "@/lib/core/actor";
import { createDashboardCache } from "@/lib/dashboard/cache";
import { getDashboardByActor, getDashboardCampaignsByActor, getProvinceProgressByActor } from "@/lib/dashboard/queries";
import { getUnitById, getUnitChildren, getUnitTreeTop, searchUnits } from "@/lib/registry/queries";
import { deactivateUnitCommand } from "@/lib/registry/commands";
import { approveCommand } from "@/lib/review/commands";
import { getReviewForActor, getReviewQueueByCampaign } from "@/lib/review/queries";
import { saveHeaderCommand } from "@/lib/roster/commands";
import { getSubmissionForActor, getWorkspaceForActor } from "@/lib/roster/queries";
import { getUserPage } from "@/lib/users/queries";
import { actorFor, FIRST_PAGE, NOW, run } from "../support/actors";
import { testDb } from "../support/database";

const { db } = testDb();
const login = (role: string, logins = DEMO_LOGINS) => logins.find((l) => l.role === role)!.email;

let report: Awaited<ReturnType<typeof seedNational>>;
let hebeiAdmin: Actor;
let hebeiReviewer: Actor;
let beijingAdmin: Actor;
let beijingReviewer: Actor;
let ministry: Actor;
let hebeiCampaignId: number;
let beijingCampaignId: number;

async function campaignOwnedBy(code: string): Promise<number> {
  const [row] = await db.select({ id: campaigns.id }).from(campaigns).innerJoin(units, eq(units.id, campaigns.ownerUnitId)).where(eq(units.code, code));
  return row.id;
}

/** A submission of the campaign that has reached its province (submitted, returned or approved). */
async function reviewedSubmissionOf(campaignId: number): Promise<number> {
  const [row] = await queryRows(db, { id: col.int }, sql`select id from submissions where campaign_id = ${campaignId} and status = 'submitted' order by id limit 1`);
  return row.id;
}

beforeAll(async () => {
  report = await seedNational(db, { now: NOW });
  hebeiAdmin = await actorFor(db, login("province_admin"));
  hebeiReviewer = await actorFor(db, login("province_reviewer"));
  beijingAdmin = await actorFor(db, login("province_admin", NATIONAL_LOGINS));
  beijingReviewer = await actorFor(db, login("province_reviewer", NATIONAL_LOGINS));
  ministry = await actorFor(db, login("ministry_viewer", NATIONAL_LOGINS));
  hebeiCampaignId = await campaignOwnedBy(PROVINCE_CODE);
  beijingCampaignId = await campaignOwnedBy("11");
}, 120_000);

describe("the national seed", () => {
  it("builds about 10,500 units: 教育部 as the one root, 31 provinces under it, their cities, counties and schools", async () => {
    const total = Object.values(report.unitsByKind).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThan(11_000);
    expect(report.unitsByKind).toMatchObject({ ministry: 1, province_bureau: 31 });
    expect(report.unitsByKind.school).toBeGreaterThan(7_000);
    const roots = await db.select({ code: units.code, kind: units.kind }).from(units).where(sql`${units.reportingParentId} is null`);
    expect(roots).toEqual([{ code: MINISTRY_CODE, kind: "ministry" }]);
    const provinces = await queryRows(db, { name: col.text, parent: col.text }, sql`select u.name, p.code as parent from units u join units p on p.id = u.reporting_parent_id where u.kind = 'province_bureau'`);
    expect(new Set(provinces.map((p) => p.parent))).toEqual(new Set([MINISTRY_CODE]));
    expect(provinces.map((p) => p.name)).toEqual(expect.arrayContaining(["北京市教育委员会", "河北省教育厅", "新疆维吾尔自治区教育厅", "重庆市教育委员会"]));
  });

  it("gives every school a 10-digit 学校标识码 carrying its own province's code in digits 3–4", async () => {
    const all = await db.select({ id: units.id, code: units.code, kind: units.kind, parentId: units.reportingParentId, schoolCode: units.schoolCode }).from(units);
    const byId = new Map(all.map((u) => [u.id, u]));
    const provinceOf = (u: (typeof all)[number]): string => (u.kind === "province_bureau" ? u.code : provinceOf(byId.get(u.parentId!)!));
    const schools = all.filter((u) => u.kind === "school" || u.kind === "college");
    expect(schools.every((s) => /^\d{10}$/.test(s.schoolCode ?? ""))).toBe(true);
    expect(schools.filter((s) => s.schoolCode!.slice(2, 4) !== provinceOf(s)).map((s) => s.schoolCode)).toEqual([]);
  });

  it("keeps Hebei's reporting exceptions: 定州, 辛集 and 雄安 report to the province beside its cities", async () => {
    const rows = await queryRows(db, { code: col.text, kind: col.text, parent: col.text }, sql`select u.code, u.kind::text, p.code as parent from units u join units p on p.id = u.reporting_parent_id where u.code in ('130682', '130181', 'XA')`);
    expect(rows.map((r) => [r.code, r.kind, r.parent]).sort()).toEqual([["130181", "city_bureau", "13"], ["130682", "city_bureau", "13"], ["XA", "city_bureau", "13"]]);
  });

  it("publishes the notice's campaign in every province, its tables in every state and many rows filled", async () => {
    const owners = await queryRows(db, { owner: col.text }, sql`select o.code as owner from campaigns c join units o on o.id = c.owner_unit_id where o.kind = 'province_bureau'`);
    expect(new Set(owners.map((o) => o.owner)).size).toBe(31);
    const states = await queryRows(db, { status: col.text, count: col.int }, sql`select s.status::text, count(*)::int from submissions s join campaigns c on c.id = s.campaign_id where c.doc_number <> ${CAMPAIGN_DOC_NUMBER} group by 1`);
    expect(states.map((s) => s.status).sort()).toEqual(["approved", "draft", "returned", "submitted"]);
    const [{ rows }] = await queryRows(db, { rows: col.int }, sql`select count(*)::int as rows from roster_entries`);
    expect(rows).toBeGreaterThan(5_000);
  });

  it("is safe to run again: units are refreshed, and no campaign or table is made twice", async () => {
    const before = await db.$count(submissions);
    const again = await seedNational(db, { now: NOW });
    expect(again.campaignsMade).toBe(0);
    expect(again.unitsByKind).toEqual(report.unitsByKind);
    expect(await db.$count(submissions)).toBe(before);
  }, 120_000);
});

describe("a province sees its own province only", () => {
  it("keeps another province's units out of its tree, its unit pages and its scope", async () => {
    const shijiazhuang = (await db.select().from(units).where(eq(units.code, "1301")))[0];
    expect(await isUnitInScope(db, beijingAdmin, shijiazhuang.id)).toBe(false);
    expect(await isUnitInScope(db, hebeiAdmin, shijiazhuang.id)).toBe(true);
    expect(await getUnitById({ db, actor: beijingAdmin, unitId: shijiazhuang.id })).toBeNull();
    const top = await getUnitTreeTop({ db, actor: beijingAdmin });
    expect(top[0]).toMatchObject({ code: "11" });
    expect(top.filter((u) => !u.code.startsWith("11") && !u.code.startsWith("3611"))).toEqual([]);
    expect(await getUnitChildren({ db, actor: beijingAdmin, parentId: shijiazhuang.id })).toBeNull();
    expect((await searchUnits({ db, actor: beijingAdmin, search: "石家庄" })).total).toBe(0);
    const dongcheng = (await db.select().from(units).where(eq(units.code, "110101")))[0];
    expect((await getUnitById({ db, actor: beijingAdmin, unitId: dongcheng.id }))?.ancestors.map((a) => a.name)).toEqual(["北京市教育委员会"]);
    expect(await run(db, deactivateUnitCommand, { unitId: shijiazhuang.id }, beijingAdmin)).toMatchObject({ ok: false });
    expect((await db.select({ active: units.active }).from(units).where(eq(units.id, shijiazhuang.id)))[0].active).toBe(true);
  });

  it("lists only its own province's accounts", async () => {
    const page = await getUserPage({ db, actor: beijingAdmin, filter: { page: 1 }, now: NOW });
    expect(page.rows.map((r) => r.unitName).every((name) => !name.includes("河北") && !name.includes("石家庄"))).toBe(true);
    expect(page.rows.map((r) => r.unitName)).toContain("东城区教育局");
  });

  it("sees and manages the campaigns its province publishes, and answers 404 on another's", async () => {
    expect((await getTasksByActor({ db, actor: beijingReviewer })).map((t) => t.id)).toEqual([beijingCampaignId]);
    expect((await getCampaignsForAdmin({ db, actor: beijingAdmin })).map((c) => c.id)).toEqual([beijingCampaignId]);
    expect(await getCampaignForAdmin({ db, actor: beijingAdmin, campaignId: hebeiCampaignId })).toBeNull();
    expect(await getDashboardByActor({ db, actor: beijingAdmin, campaignId: hebeiCampaignId, now: NOW })).toBeNull();
    const refused = await run(db, closeCampaignCommand, { campaignId: hebeiCampaignId }, beijingAdmin);
    expect(refused).toMatchObject({ ok: false });
    expect((await db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, hebeiCampaignId)))[0].status).toBe("published");
    expect((await getTasksByActor({ db, actor: hebeiAdmin })).map((t) => t.id)).toEqual([hebeiCampaignId]);
  });

  it("reviews its own province's submissions only", async () => {
    const tianjin = await reviewedSubmissionOf(await campaignOwnedBy("12"));
    expect(await getReviewQueueByCampaign({ db, actor: hebeiReviewer, campaignId: await campaignOwnedBy("12"), filter: { order: "asc" } })).toEqual([]);
    expect(await getReviewForActor({ db, actor: hebeiReviewer, submissionId: tianjin })).toBeNull();
    expect(await getSubmissionForActor({ db, actor: beijingReviewer, submissionId: tianjin })).toBeNull();
    const beijing = await reviewedSubmissionOf(beijingCampaignId);
    expect(await getReviewForActor({ db, actor: beijingReviewer, submissionId: beijing })).not.toBeNull();
    expect((await getReviewQueueByCampaign({ db, actor: beijingReviewer, campaignId: beijingCampaignId, filter: { order: "asc" } })).length).toBeGreaterThan(0);
  });
});

describe("the audit log of a province", () => {
  it("holds its own units' rows, not another province's", async () => {
    const auditor = await actorFor(db, login("auditor"));
    await run(db, closeCampaignCommand, { campaignId: hebeiCampaignId }, beijingAdmin);
    await run(db, closeCampaignCommand, { campaignId: beijingCampaignId + 999_999 }, hebeiAdmin);
    const filter = auditFilterSchema.parse({ action: "campaign.close" });
    const [{ all }] = await queryRows(db, { all: col.int }, sql`select count(*)::int as "all" from audit_log where action = 'campaign.close'`);
    const seen = await countAuditRows({ db, actor: auditor, filter });
    const [{ hebei }] = await queryRows(db, { hebei: col.int }, sql`select count(*)::int as hebei from audit_log where action = 'campaign.close' and unit_id = ${hebeiAdmin.unitId}`);
    expect(seen).toBe(hebei);
    expect(seen).toBeLessThan(all);
  });
});

describe("教育部's viewer", () => {
  it("follows every province's campaign and reads its completeness", async () => {
    const followed = await getDashboardCampaignsByActor({ db, actor: ministry });
    expect(followed).toHaveLength(31);
    const dashboard = await getDashboardByActor({ db, actor: ministry, campaignId: beijingCampaignId, now: NOW });
    expect(dashboard).toMatchObject({ scope: "province" });
    expect(dashboard!.lines.map((l) => l.unitName)).toContain("东城区教育局");
    expect(dashboard!.totals.rowsFilled).toBeGreaterThan(0);
  });

  it("has one line per province in 各省完成情况, counted as the tables stand; a province has no such overview", async () => {
    const provinces = await getProvinceProgressByActor({ db, actor: ministry });
    expect(provinces).toHaveLength(31);
    const beijing = provinces.find((p) => p.campaignId === beijingCampaignId)!;
    const [counts] = await queryRows(
      db,
      { units: col.int, submitted: col.int, returned: col.int },
      sql`select count(*)::int as units, (count(*) filter (where status in ('submitted', 'approved')))::int as submitted,
                 (count(*) filter (where status = 'returned'))::int as returned from submissions where campaign_id = ${beijingCampaignId}`,
    );
    expect(beijing).toMatchObject({ publisher: "北京市教育委员会", docNumber: "京教办函〔2021〕26号", ...counts });
    const [{ rows }] = await queryRows(db, { rows: col.int }, sql`select count(*)::int as rows from roster_entries where campaign_id = ${beijingCampaignId}`);
    expect(beijing.rowsFilled).toBe(rows);
    expect(beijing.rowsExpected).toBeGreaterThan(rows);
    expect(await getProvinceProgressByActor({ db, actor: beijingAdmin })).toEqual([]);
  });

  it("gets its own campaigns and 各省完成情况 from the dashboard cache, and a province its own", async () => {
    const cache = createDashboardCache({ clock: () => NOW });
    for (let round = 0; round < 2; round++) {
      for (const actor of [ministry, beijingAdmin]) {
        expect(await cache.campaigns({ db, actor })).toEqual(await getDashboardCampaignsByActor({ db, actor }));
        expect(await cache.provinces({ db, actor })).toEqual(await getProvinceProgressByActor({ db, actor }));
      }
    }
    expect(await cache.provinces({ db, actor: ministry })).toHaveLength(31);
    expect(await cache.provinces({ db, actor: beijingAdmin })).toEqual([]);
  });

  it("cannot review, fill or manage: refused by role, and the review pages refuse to answer", async () => {
    const beijing = await reviewedSubmissionOf(beijingCampaignId);
    expect(await run(db, approveCommand, { submissionId: beijing, version: 1 }, ministry)).toMatchObject({ ok: false });
    expect(await run(db, saveHeaderCommand, { submissionId: beijing, version: 1, fillerName: "某人", fillerPhone: "13912345678" }, ministry)).toMatchObject({ ok: false });
    expect(await run(db, closeCampaignCommand, { campaignId: beijingCampaignId }, ministry)).toMatchObject({ ok: false });
    await expect(getReviewForActor({ db, actor: ministry, submissionId: beijing })).rejects.toThrow();
    // The tables name people: the dashboards' figures are all the viewer reads of them.
    expect(await getSubmissionForActor({ db, actor: ministry, submissionId: beijing })).toBeNull();
    expect(await getWorkspaceForActor({ db, actor: ministry, submissionId: beijing, view: FIRST_PAGE })).toBeNull();
    await expect(getUserPage({ db, actor: ministry, filter: { page: 1 }, now: NOW })).rejects.toThrow();
    await expect(getUnitTreeTop({ db, actor: ministry })).rejects.toThrow();
    expect((await db.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, beijing)))[0].status).toBe("submitted");
  });
});
