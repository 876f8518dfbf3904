import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { emailOutbox, rosterEntries, submissions, units, users } from "@/db/schema";
import { CAMPAIGN_TITLE, DEMO_LOGINS } from "@/db/seed";
import { DENIED_MESSAGE } from "@/lib/core/errors";
import { approveCommand, openReviewCommand } from "@/lib/review/commands";
import { saveRowCommand } from "@/lib/roster/commands";
import { getWorkspaceForActor } from "@/lib/roster/queries";
import { submitCommand, withdrawCommand } from "@/lib/submissions/commands";
import {
  createUnitCommand,
  deactivateUnitCommand,
  deleteUnitCommand,
  importSchoolsCommand,
  moveUnitCommand,
  reactivateUnitCommand,
  updateUnitCommand,
} from "@/lib/registry/commands";
import { getUnitChildren, getUnitTreeTop, searchUnits, UNIT_SEARCH_LIMIT } from "@/lib/registry/queries";
import { FILE_CHANGED_MESSAGE } from "@/lib/xlsx/pipeline";
import { actorFor, auditOf, CHANGAN, CITY_EMAIL, dataOf, fileOf, fillEveryRow, FIRST_PAGE, freshSeededDatabaseEachTest, lastAuditId, NOW, REVIEWER_EMAIL, rowInput, run, saveHeader, SHIJIAZHUANG, submissionById, submissionOf, TANGSHAN, TANGSHAN_EMAIL, unitByCode, uploadScan } from "../support/actors";
import { xlsxFrom } from "../unit/xlsx-fixtures";

const world = freshSeededDatabaseEachTest();
const ADMIN_EMAIL = DEMO_LOGINS.find((l) => l.role === "province_admin")!.email;
const QIAOXI = "130104";
const CHANGAN_SCHOOL = "3613010002";

const admin = (db: Db) => actorFor(db, ADMIN_EMAIL);

/** Everything a registry command can change. */
async function registry(db: Db) {
  return db.select().from(units).orderBy(units.id);
}

async function expectRefused(db: Db, result: Awaited<ReturnType<typeof run>>, before: Awaited<ReturnType<typeof registry>>) {
  expect(result.ok).toBe(false);
  expect(await registry(db)).toEqual(before);
}

function xlsxFile(headings: string[], rows: string[][], name = "学校名单.xlsx"): File {
  return fileOf(xlsxFrom([{ name: "Sheet1", rows: [headings, ...rows] }]), name);
}

const SCHOOL_HEADINGS = ["学校名称", "学校标识码", "所在县区代码", "隶属单位", "是否省属"];

describe("adding a unit", () => {
  it("adds a school under a county, last among its siblings, and audits it", async () => {
    const { db } = world;
    const changan = await unitByCode(db, CHANGAN);
    const result = await run(db, createUnitCommand, { kind: "school", name: " 长安区 示例第二职业学校 ", code: "3613019001", divisionCode: "130102", parentId: changan.id }, await admin(db));
    const { unitId } = dataOf(result);
    const [created] = await db.select().from(units).where(eq(units.id, unitId));
    const siblings = await db.select({ sortOrder: units.sortOrder }).from(units).where(eq(units.reportingParentId, changan.id));
    expect(created).toMatchObject({ name: "长安区 示例第二职业学校", code: "3613019001", schoolCode: "3613019001", kind: "school", reportingParentId: changan.id, provinceAffiliated: false, active: true });
    expect(created.sortOrder).toBe(Math.max(...siblings.map((s) => s.sortOrder)));
    const [audit] = await auditOf(db, "unit.create");
    expect(audit).toMatchObject({ outcome: "success", targetType: "unit", targetId: String(unitId) });
  });

  it("makes a school directly under the province a province-affiliated school", async () => {
    const { db } = world;
    const province = await unitByCode(db, "13");
    const { unitId } = dataOf(await run(db, createUnitCommand, { kind: "school", name: "河北省示例新建学校", code: "3613009001", parentId: province.id }, await admin(db)));
    const [created] = await db.select().from(units).where(eq(units.id, unitId));
    expect(created.provinceAffiliated).toBe(true);
  });

  it("refuses a code in use, a parent that does not exist, is a school or is inactive, and an unknown county code — writing nothing", async () => {
    const { db } = world;
    const actor = await admin(db);
    const changan = await unitByCode(db, CHANGAN);
    const school = await unitByCode(db, CHANGAN_SCHOOL);
    await db.update(units).set({ active: false }).where(eq(units.code, QIAOXI));
    const qiaoxi = await unitByCode(db, QIAOXI);
    const before = await registry(db);
    const input = { kind: "school", name: "示例学校", code: "3613019001", divisionCode: "", parentId: changan.id };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ code: CHANGAN_SCHOOL }, "code", `代码 ${CHANGAN_SCHOOL} 已被「长安区示例职业中学」使用，请核对`],
      [{ parentId: 2_000_000 }, "parentId", "上级单位不存在，请重新选择"],
      [{ parentId: school.id }, "parentId", "「长安区示例职业中学」是学校，学校下不能再设单位，请选择教育行政部门"],
      [{ parentId: qiaoxi.id }, "parentId", "上级单位「桥西区教育局」已停用，请选择启用中的单位"],
      [{ divisionCode: "139999" }, "divisionCode", "所在县区代码：139999 不是单位库中的市或县（区）代码，请核对"],
      [{ code: "12345" }, "code", "学校标识码：应为 10 位数字（当前 5 位），请核对"],
    ];
    for (const [change, field, message] of cases) {
      const result = await run(db, createUnitCommand, { ...input, ...change }, actor);
      expect(result, field).toMatchObject({ ok: false, fieldErrors: { [field]: message } });
      await expectRefused(db, result, before);
    }
    expect((await auditOf(db, "unit.create")).map((a) => a.outcome)).toEqual(cases.map(() => "rejected"));
  });

  it("is for the province administrator only", async () => {
    const { db } = world;
    const before = await registry(db);
    const changan = await unitByCode(db, CHANGAN);
    const result = await run(db, createUnitCommand, { kind: "school", name: "示例学校", code: "3613019001", parentId: changan.id }, await actorFor(db, CITY_EMAIL));
    expect(result).toEqual({ ok: false, formError: DENIED_MESSAGE });
    await expectRefused(db, result, before);
  });
});

describe("editing a unit", () => {
  it("changes name and codes, keeping a school's code and 学校标识码 the same", async () => {
    const { db } = world;
    const school = await unitByCode(db, CHANGAN_SCHOOL);
    dataOf(await run(db, updateUnitCommand, { unitId: school.id, name: "长安区示例职业技术学校", code: "3613010009", divisionCode: "130102" }, await admin(db)));
    const [after] = await db.select().from(units).where(eq(units.id, school.id));
    expect(after).toMatchObject({ name: "长安区示例职业技术学校", code: "3613010009", schoolCode: "3613010009" });
    const [audit] = await auditOf(db, "unit.update");
    expect(audit.detail).toMatchObject({ changed: ["name", "code", "schoolCode"], before: { name: "长安区示例职业中学", code: CHANGAN_SCHOOL } });
  });
});

describe("moving a unit (changing whom it reports to)", () => {
  it("moves a county to another city", async () => {
    const { db } = world;
    const changan = await unitByCode(db, CHANGAN);
    const tangshan = await unitByCode(db, TANGSHAN);
    dataOf(await run(db, moveUnitCommand, { unitId: changan.id, parentId: tangshan.id }, await admin(db)));
    expect((await unitByCode(db, CHANGAN)).reportingParentId).toBe(tangshan.id);
  });

  it("refuses a cycle: a unit under itself or under a unit below it", async () => {
    const { db } = world;
    const actor = await admin(db);
    const shijiazhuang = await unitByCode(db, SHIJIAZHUANG);
    const changan = await unitByCode(db, CHANGAN);
    const before = await registry(db);

    const underChild = await run(db, moveUnitCommand, { unitId: shijiazhuang.id, parentId: changan.id }, actor);
    expect(underChild).toMatchObject({ ok: false, fieldErrors: { parentId: "不能把单位移到它自己的下级「长安区教育局」之下，这会使上报关系形成循环" } });
    await expectRefused(db, underChild, before);

    const underItself = await run(db, moveUnitCommand, { unitId: changan.id, parentId: changan.id }, actor);
    expect(underItself).toMatchObject({ ok: false, fieldErrors: { parentId: "不能把单位移到它自己之下，这会使上报关系形成循环" } });
    await expectRefused(db, underItself, before);
    expect((await auditOf(db, "unit.move")).map((a) => a.outcome)).toEqual(["rejected", "rejected"]);
  });

  it("lets only one of two opposite moves through when they run at the same time", async () => {
    const { db } = world;
    const actor = await admin(db);
    const changan = await unitByCode(db, CHANGAN);
    const qiaoxi = await unitByCode(db, QIAOXI);
    const results = await Promise.all([
      run(db, moveUnitCommand, { unitId: changan.id, parentId: qiaoxi.id }, actor),
      run(db, moveUnitCommand, { unitId: qiaoxi.id, parentId: changan.id }, actor),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [{ loops }] = await db.execute<{ loops: number }>(sql`
      select count(*)::int as loops from units a join units b on a.reporting_parent_id = b.id and b.reporting_parent_id = a.id`);
    expect(loops).toBe(0);
  });

  it("never moves the province: it is the administrator's own unit, the root of its scope", async () => {
    const { db } = world;
    const province = await unitByCode(db, "13");
    const changan = await unitByCode(db, CHANGAN);
    const result = await run(db, moveUnitCommand, { unitId: province.id, parentId: changan.id }, await admin(db));
    expect(result).toMatchObject({ ok: false, formError: "「河北省教育厅」是本单位，不能移动。" });
  });
});

describe("moving a unit whose row is filled in", () => {
  const CHANGAN_ADMIN = "changan-admin@example.com";

  /** 长安区's row filled in 石家庄's table by its officer. */
  async function fillChangan(db: Db) {
    const changan = await unitByCode(db, CHANGAN);
    const shijiazhuang = await submissionOf(db, SHIJIAZHUANG);
    dataOf(await run(db, saveRowCommand, rowInput(shijiazhuang.id, changan.id, { email: CHANGAN_ADMIN }), await actorFor(db, CITY_EMAIL)));
    return { changan, shijiazhuang, tangshan: await submissionOf(db, TANGSHAN) };
  }

  /** Fills the rest of the table, signs it and submits it. */
  async function submitTable(db: Db, email: string, submissionId: number, emailPrefix: string) {
    const filler = await actorFor(db, email);
    await fillEveryRow(db, filler, submissionId, emailPrefix);
    await saveHeader(db, filler, submissionId);
    const version = await uploadScan(db, filler, submissionId);
    return { filler, ...dataOf(await run(db, submitCommand, { submissionId, expectedVersion: version }, filler)) };
  }

  async function approve(db: Db, submissionId: number) {
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const { version } = dataOf(await run(db, openReviewCommand, { submissionId, expectedVersion: (await submissionById(db, submissionId)).version }, reviewer));
    return dataOf(await run(db, approveCommand, { submissionId, expectedVersion: version }, reviewer)).accounts;
  }

  const entriesOf = (db: Db) => db.select().from(rosterEntries).orderBy(rosterEntries.id);
  const accountsOf = (db: Db, email: string) => db.select().from(users).where(eq(users.email, email));

  it("takes the row to the new city's table: that table shows it, owns it and issues its account on approval; the old one does not", async () => {
    const { db } = world;
    const { changan, shijiazhuang, tangshan } = await fillChangan(db);
    const tangshanBureau = await unitByCode(db, TANGSHAN);

    dataOf(await run(db, moveUnitCommand, { unitId: changan.id, parentId: tangshanBureau.id }, await admin(db)));

    const [entry] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, changan.id));
    expect(entry).toMatchObject({ submissionId: tangshan.id, email: CHANGAN_ADMIN });
    const [audit] = await auditOf(db, "unit.move");
    expect(audit.detail).toMatchObject({ rehomed: [{ campaignId: tangshan.campaignId, submissionId: tangshan.id, rows: 1 }] });
    const tableOf = async (email: string, submissionId: number) => (await getWorkspaceForActor({ db, actor: await actorFor(db, email), submissionId, view: FIRST_PAGE }))!.table.rows;
    expect((await tableOf(TANGSHAN_EMAIL, tangshan.id)).find((r) => r.unitId === changan.id)?.entry).toMatchObject({ email: CHANGAN_ADMIN });
    expect((await tableOf(CITY_EMAIL, shijiazhuang.id)).map((r) => r.unitId)).not.toContain(changan.id);

    await submitTable(db, CITY_EMAIL, shijiazhuang.id, "sjz");
    await approve(db, shijiazhuang.id);
    expect(await accountsOf(db, CHANGAN_ADMIN)).toEqual([]);

    await submitTable(db, TANGSHAN_EMAIL, tangshan.id, "ts");
    await approve(db, tangshan.id);
    expect(await accountsOf(db, CHANGAN_ADMIN)).toEqual([expect.objectContaining({ unitId: changan.id, role: "county_officer", status: "invited" })]);
  });

  it("is refused while the table it would join is submitted, writing nothing, and goes through once that table is withdrawn", async () => {
    const { db } = world;
    const { changan, tangshan } = await fillChangan(db);
    const tangshanBureau = await unitByCode(db, TANGSHAN);
    const { filler, version } = await submitTable(db, TANGSHAN_EMAIL, tangshan.id, "ts");
    const before = { registry: await registry(db), entries: await entriesOf(db) };

    const refused = await run(db, moveUnitCommand, { unitId: changan.id, parentId: tangshanBureau.id }, await admin(db));
    expect(refused).toEqual({
      ok: false,
      formError: `「唐山市教育局」在「${CAMPAIGN_TITLE}」中的报送表已提交，移动「长安区教育局」会改变这张表。请等该报送撤回或被退回后再移动。`,
    });
    expect({ registry: await registry(db), entries: await entriesOf(db) }).toEqual(before);
    expect((await auditOf(db, "unit.move")).map((a) => a.outcome)).toEqual(["rejected"]);

    dataOf(await run(db, withdrawCommand, { submissionId: tangshan.id, expectedVersion: version }, filler));
    dataOf(await run(db, moveUnitCommand, { unitId: changan.id, parentId: tangshanBureau.id }, await admin(db)));
    const [entry] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, changan.id));
    expect(entry.submissionId).toBe(tangshan.id);
  });

  it("is refused when the filled row would be left in no table", async () => {
    const { db } = world;
    const { changan } = await fillChangan(db);
    const before = await entriesOf(db);
    const refused = await run(db, moveUnitCommand, { unitId: changan.id, parentId: (await unitByCode(db, "13")).id }, await admin(db));
    expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining("移到「河北省教育厅」下后将不在任何一张报送表中") });
    expect(await entriesOf(db)).toEqual(before);
  });
});

describe("deactivating and deleting", () => {
  it("deactivates a leaf, refuses a unit with active units below it, and re-enables only under an active parent", async () => {
    const { db } = world;
    const actor = await admin(db);
    const changan = await unitByCode(db, CHANGAN);
    const school = await unitByCode(db, CHANGAN_SCHOOL);

    const refused = await run(db, deactivateUnitCommand, { unitId: changan.id }, actor);
    expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining("还有 1 个启用中的下级单位") });
    expect((await unitByCode(db, CHANGAN)).active).toBe(true);

    dataOf(await run(db, deactivateUnitCommand, { unitId: school.id }, actor));
    dataOf(await run(db, deactivateUnitCommand, { unitId: changan.id }, actor));
    expect((await unitByCode(db, CHANGAN)).active).toBe(false);

    const orphan = await run(db, reactivateUnitCommand, { unitId: school.id }, actor);
    expect(orphan).toMatchObject({ ok: false, formError: expect.stringContaining("上级单位「长安区教育局」已停用") });
    dataOf(await run(db, reactivateUnitCommand, { unitId: changan.id }, actor));
    dataOf(await run(db, reactivateUnitCommand, { unitId: school.id }, actor));
    expect((await unitByCode(db, CHANGAN_SCHOOL)).active).toBe(true);
  });

  it("refuses to delete a unit with a submitted or approved row; deactivating it still works", async () => {
    const { db } = world;
    const actor = await admin(db);
    const school = await unitByCode(db, CHANGAN_SCHOOL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    await db.insert(rosterEntries).values({ campaignId: submission.campaignId, submissionId: submission.id, unitId: school.id, name: "王伟", position: "主任", phone: "13800138000", email: "wangwei@example.com", schoolCode: CHANGAN_SCHOOL });

    for (const status of ["submitted", "approved"] as const) {
      await db.update(submissions).set({ status, submittedAt: NOW }).where(eq(submissions.id, submission.id));
      const before = await registry(db);
      const result = await run(db, deleteUnitCommand, { unitId: school.id }, actor);
      expect(result, status).toMatchObject({ ok: false, formError: "「长安区示例职业中学」已有已提交或已通过的报送记录，不能删除，只能停用。" });
      await expectRefused(db, result, before);
    }
    dataOf(await run(db, deactivateUnitCommand, { unitId: school.id }, actor));
    expect((await unitByCode(db, CHANGAN_SCHOOL)).active).toBe(false);
  });

  it("deletes a unit nothing refers to, and refuses one with units below it", async () => {
    const { db } = world;
    const actor = await admin(db);
    const changan = await unitByCode(db, CHANGAN);
    const { unitId } = dataOf(await run(db, createUnitCommand, { kind: "school", name: "录错的学校", code: "3613019001", parentId: changan.id }, actor));
    dataOf(await run(db, deleteUnitCommand, { unitId }, actor));
    expect(await db.select().from(units).where(eq(units.id, unitId))).toEqual([]);

    const parent = await run(db, deleteUnitCommand, { unitId: changan.id }, actor);
    expect(parent).toMatchObject({ ok: false, formError: expect.stringContaining("下还有 1 个下级单位，不能删除") });
  });

  it("refuses to delete a unit an email was sent about, and the refusal leaves the transaction usable for its audit row", async () => {
    const { db } = world;
    const actor = await admin(db);
    const changan = await unitByCode(db, CHANGAN);
    const { unitId } = dataOf(await run(db, createUnitCommand, { kind: "school", name: "收到过邮件的学校", code: "3613019001", parentId: changan.id }, actor));
    await db.insert(emailOutbox).values({ toAddress: "a@example.com", subject: "通知", text: "通知", html: "<p>通知</p>", kind: "reminder", unitId });
    const before = await registry(db);
    const result = await run(db, deleteUnitCommand, { unitId }, actor);
    expect(result).toMatchObject({ ok: false, formError: "「收到过邮件的学校」已有相关的邮件或操作记录，不能删除，只能停用。" });
    await expectRefused(db, result, before);
    expect((await auditOf(db, "unit.delete")).map((a) => a.outcome)).toEqual(["rejected"]);
  });
});

describe("the tree", () => {
  /** A units administrator whose own unit is `code`: what a province's administrator is in a deployment of many provinces. */
  const managerAt = async (db: Db, code: string) => ({ ...(await admin(db)), unitId: (await unitByCode(db, code)).id });

  it("starts with the administrator's unit and the level below it, and opens one unit at a time", async () => {
    const { db } = world;
    const actor = await admin(db);
    const [root, ...firstLevel] = await getUnitTreeTop({ db, actor });
    expect(root).toMatchObject({ name: "河北省教育厅" });
    expect(firstLevel.length).toBe(root.children);
    expect(firstLevel.every((u) => u.parentId === root.id)).toBe(true);
    const shijiazhuang = firstLevel.find((u) => u.code === SHIJIAZHUANG)!;
    const below = (await getUnitChildren({ db, actor, parentId: shijiazhuang.id }))!;
    expect(below).toHaveLength(shijiazhuang.children);
    // Registry order: the city's counties before its own schools.
    expect(below.map((u) => u.kind).indexOf("school")).toBe(below.length - 1);
    expect(below.find((u) => u.code === CHANGAN)).toMatchObject({ name: "长安区教育局", children: 1, accounts: 1 });
  });

  it("opens only units inside the administrator's own tree; a filling role gets nothing", async () => {
    const { db } = world;
    const [tangshan, changan] = [await unitByCode(db, TANGSHAN), await unitByCode(db, CHANGAN)];
    const atShijiazhuang = await managerAt(db, SHIJIAZHUANG);
    expect(await getUnitChildren({ db, actor: atShijiazhuang, parentId: tangshan.id })).toBeNull();
    expect((await getUnitChildren({ db, actor: atShijiazhuang, parentId: changan.id }))!.map((u) => u.code)).toEqual([CHANGAN_SCHOOL]);
    expect((await getUnitTreeTop({ db, actor: atShijiazhuang }))[0].code).toBe(SHIJIAZHUANG);
    await expect(getUnitChildren({ db, actor: await actorFor(db, CITY_EMAIL), parentId: changan.id })).rejects.toThrow();
    await expect(getUnitTreeTop({ db, actor: await actorFor(db, CITY_EMAIL) })).rejects.toThrow();
  });

  it("searches on the server by name or code, inside the administrator's tree, a limited list with each unit's path", async () => {
    const { db } = world;
    const actor = await admin(db);
    const changan = await searchUnits({ db, actor, search: "长安" });
    expect(changan.total).toBe(2);
    expect(changan.hits.map((h) => [h.name, h.path.map((p) => p.name)])).toEqual([
      ["长安区教育局", ["河北省教育厅", "石家庄市教育局"]],
      ["长安区示例职业中学", ["河北省教育厅", "石家庄市教育局", "长安区教育局"]],
    ]);
    expect((await searchUnits({ db, actor, search: "36130100" })).hits.map((h) => h.code)).toEqual(["3613010001", "3613010002", "3613010003"]);
    // A wildcard typed into the search is a character, not a pattern.
    expect(await searchUnits({ db, actor, search: "%" })).toEqual({ hits: [], total: 0 });
    const bureaus = await searchUnits({ db, actor, search: "教育局" });
    expect(bureaus.total).toBeGreaterThan(UNIT_SEARCH_LIMIT);
    expect(bureaus.hits).toHaveLength(UNIT_SEARCH_LIMIT);
    // Inside 唐山's tree there is no 长安, and the path starts at 唐山.
    const atTangshan = await managerAt(db, TANGSHAN);
    expect(await searchUnits({ db, actor: atTangshan, search: "长安" })).toEqual({ hits: [], total: 0 });
    expect((await searchUnits({ db, actor: atTangshan, search: "路南区示例" })).hits.map((h) => h.path.map((p) => p.name))).toEqual([["唐山市教育局", "路南区教育局"]]);
    await expect(searchUnits({ db, actor: await actorFor(db, CITY_EMAIL), search: "长安" })).rejects.toThrow();
  });
});

describe("importing the school list", () => {
  const rows = [
    ["石家庄市示例新建职业学校", "3613019001", "130102", "长安区教育局", "否"],
    ["长安区示例职业技术学校", CHANGAN_SCHOOL, "130102", "长安区教育局", "否"],
    ["河北省示例新建学校", "3613009001", "1301", "", "是"],
  ];

  it("previews without writing, then commits every row in one transaction", async () => {
    const { db } = world;
    const actor = await admin(db);
    const before = await registry(db);

    const file = xlsxFile(SCHOOL_HEADINGS, rows);
    const preview = dataOf(await run(db, importSchoolsCommand, { mode: "preview", file }, actor));
    expect(preview.committed).toBe(false);
    expect(preview.rows.map((r) => r.status)).toEqual(["new", "changed", "new"]);
    expect(await registry(db)).toEqual(before);

    const done = dataOf(await run(db, importSchoolsCommand, { mode: "commit", file, fileHash: preview.fileHash }, actor));
    expect(done.committed).toBe(true);
    expect(done.counts).toEqual({ new: 2, changed: 1, unchanged: 0, blank: 0, error: 0 });
    const [created, renamed, affiliated] = await Promise.all(["3613019001", CHANGAN_SCHOOL, "3613009001"].map((c) => unitByCode(db, c)));
    expect(created).toMatchObject({ name: "石家庄市示例新建职业学校", reportingParentId: (await unitByCode(db, CHANGAN)).id, provinceAffiliated: false });
    expect(renamed.name).toBe("长安区示例职业技术学校");
    expect(affiliated).toMatchObject({ reportingParentId: (await unitByCode(db, "13")).id, provinceAffiliated: true });

    const written = await db.execute<{ xmin: string }>(sql`select distinct xmin::text as xmin from units where code in ('3613019001', ${CHANGAN_SCHOOL}, '3613009001')`);
    expect(written).toHaveLength(1);
    const audits = await auditOf(db, "unit.import_schools");
    expect(audits.map((a) => [a.outcome, a.targetId])).toEqual([
      ["success", "preview"],
      ["success", "commit"],
    ]);
  });

  it("writes nothing when a school code is used twice or a 隶属单位 does not exist, and names the rows", async () => {
    const { db } = world;
    const actor = await admin(db);
    const before = await registry(db);
    const bad = [...rows, ["石家庄市示例重复学校", "3613019001", "130102", "长安区教育局", "否"], ["示例学校", "3613019002", "130102", "不存在区教育局", "否"]];

    const file = xlsxFile(SCHOOL_HEADINGS, bad);
    const preview = dataOf(await run(db, importSchoolsCommand, { mode: "preview", file }, actor));
    expect(preview.rows.map((r) => r.status)).toEqual(["error", "changed", "new", "error", "error"]);

    const mark = await lastAuditId(db);
    const commit = await run(db, importSchoolsCommand, { mode: "commit", file, fileHash: preview.fileHash }, actor);
    expect(commit).toMatchObject({
      ok: false,
      fieldErrors: {
        file: "文件中有 3 处错误，未导入任何内容。请修正后重新预览。",
        "line.2": "第 2 行 学校标识码：3613019001 在第 2、5 行重复出现，每所学校只能填一行",
        "line.5": "第 5 行 学校标识码：3613019001 在第 2、5 行重复出现，每所学校只能填一行",
        "line.6": "第 6 行 隶属单位：单位库中没有「不存在区教育局」，请核对名称或代码，或先在「单位管理」中新增该单位",
      },
    });
    await expectRefused(db, commit, before);
    expect((await auditOf(db, "unit.import_schools", mark))[0]).toMatchObject({ outcome: "rejected", detail: expect.objectContaining({ errorRows: [2, 5, 6] }) });
  });

  it("refuses a row that would put a school under a unit below it (a cycle)", async () => {
    const { db } = world;
    const school = await unitByCode(db, CHANGAN_SCHOOL);
    // No command puts a unit under a school; the registry is written around the application here to build the loop's first half.
    await db.insert(units).values({ code: "139901", name: "示例校下单位", kind: "county_bureau", reportingParentId: school.id, divisionCode: "139901" });
    const before = await registry(db);
    const row = ["长安区示例职业中学", CHANGAN_SCHOOL, "130102", "139901", "否"];
    const file = xlsxFile(SCHOOL_HEADINGS, [row]);
    const preview = dataOf(await run(db, importSchoolsCommand, { mode: "preview", file }, await admin(db)));
    expect(preview.rows[0]).toMatchObject({ status: "error", errors: ["隶属单位：该单位位于这所学校之下，学校不能隶属于自己的下级，这会使上报关系形成循环"] });
    const commit = await run(db, importSchoolsCommand, { mode: "commit", file, fileHash: preview.fileHash }, await admin(db));
    await expectRefused(db, commit, before);
  });

  it("commits only the file it previewed: another file, or none previewed at all, is refused and nothing is written", async () => {
    const { db } = world;
    const actor = await admin(db);
    const before = await registry(db);
    const preview = dataOf(await run(db, importSchoolsCommand, { mode: "preview", file: xlsxFile(SCHOOL_HEADINGS, rows.slice(0, 1)) }, actor));
    expect(preview.counts.new).toBe(1);

    const mark = await lastAuditId(db);
    const swapped = await run(db, importSchoolsCommand, { mode: "commit", file: xlsxFile(SCHOOL_HEADINGS, rows), fileHash: preview.fileHash }, actor);
    expect(swapped).toEqual({ ok: false, formError: FILE_CHANGED_MESSAGE });
    await expectRefused(db, swapped, before);
    expect((await auditOf(db, "unit.import_schools", mark)).map((a) => [a.outcome, a.targetId])).toEqual([["rejected", "commit"]]);

    const unpreviewed = await run(db, importSchoolsCommand, { mode: "commit", file: xlsxFile(SCHOOL_HEADINGS, rows) }, actor);
    expect(unpreviewed).toMatchObject({ ok: false, fieldErrors: { fileHash: expect.any(String) } });
    await expectRefused(db, unpreviewed, before);
  });

  it("answers a file that is not a spreadsheet, or has no header, on the file field", async () => {
    const { db } = world;
    const actor = await admin(db);
    const notSheet = await run(db, importSchoolsCommand, { mode: "preview", file: fileOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), "a.xlsx") }, actor);
    expect(notSheet).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("不是 Excel 或 CSV 表格") } });
    const noHeader = await run(db, importSchoolsCommand, { mode: "preview", file: xlsxFile(["名称", "代码"], [["a", "b"]]) }, actor);
    expect(noHeader).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("没有找到表头") } });
  });
});
