// The table page pages, searches, filters and counts in SQL (lib/roster/table-page.ts); these tests hold it to the
// semantics of pageRows over every row of the table (what the page did in JavaScript), for the city, a delegate and a
// reader who sees phones masked, with every state filter including the 三级联动 ones.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { rosterEntries, units, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assignCommand, assignToSchoolsCommand, confirmCommand, confirmSchoolsCommand, returnRowCommand } from "@/lib/delegation/commands";
import { awaitsDecision, decidedRowOf } from "@/lib/delegation/rules";
import { getHandedToCityBySubmission } from "@/lib/delegation/table-queries";
import { saveRowCommand } from "@/lib/roster/commands";
import { readTableView, TABLE_STATES, type TableView } from "@/lib/roster/paging";
import { pageRows, rosterRowStates } from "../support/paging";
import { getWorkspaceForActor, type RosterRow } from "@/lib/roster/queries";
import { actorFor, dataOf, freshSeededDatabaseEachTest, NOW, REVIEWER_EMAIL, rowInput, run, tableRowsOf } from "../support/actors";
import { cityAndCounty, DELEGATE_DEADLINE, handIn } from "../support/delegation";

const world = freshSeededDatabaseEachTest();
const LATER = new Date(NOW.getTime() + 60 * 60 * 1000);
const EXTRA_SCHOOLS = 230;

/** The page as pageRows makes it of every row the reader sees: the JavaScript the SQL replaced. */
function pagedInJs(rows: RosterRow[], view: TableView) {
  return pageRows<RosterRow>(rows, view, { searchable: (row) => [row.unitName, row.entry?.name, row.entry?.phone], states: rosterRowStates });
}

/**
 * 石家庄 with 230 more schools (some under 长安区), rows filled with shared phones (有问题), a 退回 reason, a registry
 * mismatch; 长安区 collecting its schools and handing one on (分派给学校, confirmed by the county: 县级已确认); four
 * schools delegated to themselves, in each of the other states.
 */
async function busyTable(db: Db) {
  const { submission, city, county, changan, schools } = await cityAndCounty(db);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, school_code, sort_order)
    select '3613' || lpad(i::text, 6, '0'), '比对示例学校' || (i - 700000), 'school', case when i % 7 = 0 then ${changan.id}::int else ${city.unitId}::int end, '3613' || lpad(i::text, 6, '0'), 2000 + i
    from generate_series(700001, ${700000 + EXTRA_SCHOOLS}) i`);
  const all = await tableRowsOf(db, city, submission.id);
  const extra = all.filter((r) => r.unitName.startsWith("比对示例学校"));
  // Every third of the city's extra schools filled; phones repeat across units, so some rows are 有问题.
  for (const [i, row] of extra.entries()) {
    if (i % 3 !== 0 || row.unitKind !== "school" || schools.some((s) => s.id === row.unitId)) continue;
    const phone = i % 9 === 0 ? "0311-66005705" : `139${String(10000000 + i).slice(-8)}`;
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, row.unitId, { phone, email: `x${i}@example.com`, name: i % 2 ? "李娜" : "王伟", schoolCode: i === 3 ? "3613999999" : row.registrySchoolCode }), city));
  }
  const [withReason] = await db.select().from(rosterEntries).where(eq(rosterEntries.campaignId, submission.campaignId)).limit(1);
  await db.update(rosterEntries).set({ returnReason: "联系电话不是本人手机" }).where(eq(rosterEntries.id, withReason.id));

  const changanSchools = await db.select().from(units).where(and(eq(units.reportingParentId, changan.id), eq(units.kind, "school"), eq(units.active, true))).orderBy(units.id);
  dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...DELEGATE_DEADLINE }, city));
  // 长安区 hands a school's row on and confirms it (县级已确认), keeping the rest to fill.
  const fillAs = async (actor: Actor, unitId: number) => {
    const [row] = (await tableRowsOf(db, actor, submission.id)).filter((r) => r.unitId === unitId);
    if (!row.entry) dataOf(await run(db, saveRowCommand, rowInput(submission.id, unitId, { email: `d${unitId}@example.com`, phone: "13800138000", schoolCode: row.registrySchoolCode ?? "" }), actor));
  };
  const [handedOn] = changanSchools;
  dataOf(await run(db, assignToSchoolsCommand, { submissionId: submission.id, unitIds: [handedOn.id], ...DELEGATE_DEADLINE }, county));
  const school = await schoolActor(db, handedOn.id);
  await fillAs(school, handedOn.id);
  dataOf(await handIn(db, school, handedOn.id));
  dataOf(await run(db, confirmSchoolsCommand, { submissionId: submission.id, unitIds: [handedOn.id] }, county));
  // Four of the city's own schools delegated to themselves: one not started, the others handed in, one confirmed, one returned.
  const strangers = extra.filter((r) => !r.entry && !changanSchools.some((s) => s.id === r.unitId)).slice(0, 4);
  dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: strangers.map((r) => r.unitId), ...DELEGATE_DEADLINE }, city));
  for (const stranger of strangers.slice(1)) {
    const actor = await schoolActor(db, stranger.unitId);
    await fillAs(actor, stranger.unitId);
    dataOf(await handIn(db, actor, stranger.unitId));
  }
  dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [strangers[1].unitId] }, city, LATER));
  dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: strangers[2].unitId, reason: "职务请写全称" }, city, LATER));
  return { submission, city, county };
}

/** A 填报员 for a school (the seed has none for most). */
async function schoolActor(db: Db, unitId: number): Promise<Actor> {
  const email = `school${unitId}@bidui.example.com`;
  await db.insert(users).values({ email, name: "学校填报员", role: "school_staff", unitId, status: "active", passwordHash: "x" });
  return actorFor(db, email);
}

const SEARCHES = ["", "比对示例学校1", "王伟", "李娜", "0311 6600", "139 1000", "138****8000", "1388000", "长安", "不存在的单位"];

describe("the table page's SQL paging", () => {
  it("shows the same rows, places, pages and counts as pageRows over every row, for every search and state, for each reader", async () => {
    const { db } = world;
    const { submission, city, county } = await busyTable(db);
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    for (const reader of [city, county, reviewer]) {
      const every = await tableRowsOf(db, reader, submission.id);
      for (const q of SEARCHES) {
        for (const state of [undefined, ...TABLE_STATES]) {
          for (const page of q || state ? ["1"] : ["1", "2", "3", "9"]) {
            const view = readTableView({ q, page, ...(state && { state }) });
            const workspace = (await getWorkspaceForActor({ db, actor: reader, submissionId: submission.id, view }))!;
            const expected = pagedInJs(every, view);
            const label = `${reader.email} q=${q} state=${state} page=${page}`;
            expect({ ...workspace.table, rows: workspace.table.rows.map((r) => [r.unitId, r.ordinal]) }, label).toEqual({ ...expected, rows: expected.rows.map((r) => [r.unitId, r.ordinal]) });
            expect(workspace.table.rows, label).toEqual(expected.rows);
            expect(workspace.masked, label).toBe(every.some((r) => r.contactMasked));
          }
        }
      }
    }
  }, 120_000);

  it("finds every state of the setting, so the comparison covers them", async () => {
    const { db } = world;
    const { submission, city } = await busyTable(db);
    const { counts } = (await getWorkspaceForActor({ db, actor: city, submissionId: submission.id, view: readTableView({}) }))!.table;
    for (const state of TABLE_STATES) expect(counts[state], state).toBeGreaterThan(0);
  });

  it("reads what 确认全部已提交 acts on as every row handed in to the city, whatever page is shown", async () => {
    const { db } = world;
    const { submission, city } = await busyTable(db);
    const every = await tableRowsOf(db, city, submission.id);
    const handedIn = every.filter((r) => r.delegation && awaitsDecision("city", decidedRowOf(r.delegation))).map((r) => r.unitId);
    expect(handedIn.length).toBeGreaterThan(0);
    expect(await getHandedToCityBySubmission({ db, submission })).toEqual(handedIn.sort((a, b) => a - b));
  });
});
