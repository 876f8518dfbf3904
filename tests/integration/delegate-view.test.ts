import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { rosterEntries, submissionEvents } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { getTasksByActor } from "@/lib/campaigns/queries";
import { assignCommand, confirmCommand, returnRowCommand } from "@/lib/delegation/commands";
import { describeProgress } from "@/lib/delegation/progress";
import { performDownload } from "@/lib/downloads/audited";
import { saveRowCommand } from "@/lib/roster/commands";
import { getEventsBySubmission, getWorkspaceForActor } from "@/lib/roster/queries";
import { commitImportCommand, previewImportCommand } from "@/lib/xlsx/commands";
import { templateDownload } from "@/lib/xlsx/exports";
import type { ImportOutcome } from "@/lib/xlsx/pipeline";
import { auditOf, dataOf, fileOf, FIRST_PAGE, freshSeededDatabaseEachTest, NOW, rowInput, run, unitByCode, writeCounts } from "../support/actors";
import { cityAndCounty, DELEGATE_DEADLINE, DELEGATE_DEADLINE_AT, handIn } from "../support/delegation";
import { fillTemplate, HEADER, person, sheetValues, xlsxFrom } from "../unit/xlsx-fixtures";

const world = freshSeededDatabaseEachTest();

const DEADLINE = DELEGATE_DEADLINE;
const INTERNAL_DEADLINE = DELEGATE_DEADLINE_AT;

const taskOf = async (db: Db, actor: Actor, submissionId: number) => (await getTasksByActor({ db, actor })).find((t) => t.submissionId === submissionId)!;

const preview = (db: Db, actor: Actor, submissionId: number, bytes: Buffer) => run(db, previewImportCommand, { submissionId, file: fileOf(bytes, "名单.xlsx") }, actor);

function commitInput(submissionId: number, bytes: Buffer, shown: ImportOutcome) {
  return { submissionId, file: fileOf(bytes, "名单.xlsx"), sheet: shown.sheetName, fileHash: shown.fileHash, seen: JSON.stringify(shown.seen) };
}

async function template(db: Db, actor: Actor, submissionId: number): Promise<Buffer> {
  const file = await performDownload({ db, actor, ip: "127.0.0.1", now: NOW }, "xlsx.download_template", templateDownload(submissionId));
  return file!.content;
}

describe("what a delegate sees and does", () => {
  it("reads the phones and emails of the rows it fills in full, and of its schools it does not fill masked", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await cityAndCounty(db);
    const [school] = schools;
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { phone: "13912345678", schoolCode: school.schoolCode }), city));
    const phoneOfSchool = async () => (await getWorkspaceForActor({ db, actor: county, submissionId: submission.id, view: FIRST_PAGE }))!.table.rows.find((r) => r.unitId === school.id)?.entry?.phone;

    expect(await phoneOfSchool()).toBe("139****5678");
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...DEADLINE }, city));
    expect(await phoneOfSchool()).toBe("13912345678");
  });

  it("lists its 分派 on 我的任务 with the city's internal deadline and where its rows stand; others see the table as before", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await cityAndCounty(db);

    // Not delegated anything, the county looks at its part of the city's table.
    expect(await taskOf(db, county, submission.id)).toMatchObject({ reportingUnitName: "石家庄市教育局", ownTable: false, delegation: null });
    expect(await taskOf(db, city, submission.id)).toMatchObject({ ownTable: true, delegation: null });

    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...DEADLINE }, city));
    const rows = 1 + schools.length;
    const assigned = (await taskOf(db, county, submission.id)).delegation!;
    expect(assigned).toEqual({ deadline: INTERNAL_DEADLINE, rows, filled: 0, submitted: 0, confirmed: 0, returned: 0, submittedAt: null, collectorName: null });
    expect(describeProgress(assigned)).toBe(`待填写（已填 0 / ${rows} 行）`);
    // The city's own task is unchanged by its delegating.
    expect(await taskOf(db, city, submission.id)).toMatchObject({ ownTable: true, delegation: null });

    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id), county));
    expect((await taskOf(db, county, submission.id)).delegation).toMatchObject({ filled: 1 });
    for (const [i, s] of schools.entries()) dataOf(await run(db, saveRowCommand, rowInput(submission.id, s.id, { email: `s${i}@example.com`, schoolCode: s.schoolCode }), county));
    dataOf(await handIn(db, county, changan.id));
    const handedIn = (await taskOf(db, county, submission.id)).delegation!;
    expect(handedIn).toMatchObject({ rows, filled: rows, submitted: rows, submittedAt: NOW });
    expect(describeProgress(handedIn)).toBe("已提交给市级（2025年3月3日 10:00），等待确认");

    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: schools[0].id, reason: "职务请写全称" }, city));
    const returned = (await taskOf(db, county, submission.id)).delegation!;
    expect(returned).toMatchObject({ submitted: rows - 1, returned: 1 });
    expect(describeProgress(returned)).toMatch(/^有 1 行被退回/);

    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [changan.id, ...schools.slice(1).map((s) => s.id)] }, city));
    expect(describeProgress((await taskOf(db, county, submission.id)).delegation!)).toMatch(/^有 1 行被退回/);
  });

  it("imports a delegate's file into its own open rows only, from the template holding only those rows", async () => {
    const { db } = world;
    const { submission, city, county, changan, schools } = await cityAndCounty(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: true, ...DEADLINE }, city));

    const bytes = await template(db, county, submission.id);
    const names = sheetValues(bytes).map((r) => r[0]);
    expect(names).toContain(changan.name);
    expect(names).not.toContain("石家庄市教育局");

    const filled = fillTemplate(bytes, (_unit, i) => person(i));
    const shown = dataOf(await preview(db, county, submission.id, filled));
    expect(shown.counts).toMatchObject({ new: 1 + schools.length, error: 0 });
    // The table's header is the city's: the file's header lines are not offered.
    expect(shown.lines).toEqual([]);
    dataOf(await run(db, commitImportCommand, commitInput(submission.id, filled, shown), county));
    expect(await db.$count(rosterEntries, eq(rosterEntries.submissionId, submission.id))).toBe(1 + schools.length);

    // The import and the 分派 are on the county's timeline; the city's saves of its own row are not.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, submission.unitId, { email: "city@example.com" }), city));
    const timeline = (await getEventsBySubmission({ db, submissionId: submission.id, onlyUnitsOf: county })).events.map((e) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(["rows.imported", "delegation.assigned"]));
    expect(timeline).not.toContain("row.saved");
  });

  it("refuses a delegate's file naming another unit of the table as not found, audited, writing nothing", async () => {
    const { db } = world;
    const { submission, city, county, changan } = await cityAndCounty(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: false, ...DEADLINE }, city));
    const p = person(1);
    const q = person(2);
    const bytes = xlsxFrom([
      { name: "s", rows: [HEADER, [changan.name, "", p.name, p.position, p.phone, p.email], ["石家庄市教育局", "", q.name, q.position, q.phone, q.email]] },
    ]);
    const before = await writeCounts(db);

    const refused = await preview(db, county, submission.id, bytes);
    expect(refused).toMatchObject({ ok: false, notFound: true, formError: expect.stringContaining("第 3 行") });
    expect((await auditOf(db, "xlsx.preview_import")).at(-1)).toMatchObject({ outcome: "denied", userId: county.userId, targetId: String(submission.id) });
    const commit = await run(db, commitImportCommand, { submissionId: submission.id, file: fileOf(bytes, "名单.xlsx"), fileHash: "0".repeat(64), seen: "[]" }, county);
    expect(commit).toMatchObject({ ok: false, notFound: true });
    expect((await auditOf(db, "xlsx.commit_import")).at(-1)).toMatchObject({ outcome: "denied", userId: county.userId });
    expect(await writeCounts(db)).toEqual(before);
  });

  it("gives a row error naming who holds a delegate's handed-in or confirmed row, and imports nothing", async () => {
    const { db } = world;
    const { submission, city, county, changan } = await cityAndCounty(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: false, ...DEADLINE }, city));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id), county));
    dataOf(await handIn(db, county, changan.id));

    const p = person(3);
    const bytes = xlsxFrom([{ name: "s", rows: [HEADER, [changan.name, "", p.name, p.position, p.phone, p.email]] }]);
    const shown = dataOf(await preview(db, county, submission.id, bytes));
    expect(shown.rows[0]).toMatchObject({ status: "error", errors: [expect.stringContaining("已提交给石家庄市教育局，等待确认")] });
    const before = await writeCounts(db);
    expect(await run(db, commitImportCommand, commitInput(submission.id, bytes, shown), county)).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("1 处错误") } });
    expect(await writeCounts(db)).toEqual(before);

    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [changan.id] }, city));
    const confirmed = dataOf(await preview(db, county, submission.id, bytes));
    expect(confirmed.rows[0].errors[0]).toMatch(new RegExp(`已由石家庄市教育局 ${city.name} 于 2025年3月3日 10:00 确认`));
    // The same values as stored change nothing, so a file with its confirmed row unchanged still imports.
    const same = xlsxFrom([{ name: "s", rows: [HEADER, [changan.name, "", "王伟", "信息中心主任", "13800138000", "wangwei@example.com"]] }]);
    expect(dataOf(await preview(db, county, submission.id, same)).counts).toMatchObject({ unchanged: 1, error: 0 });
  });

  it("shows a delegate the delegation events about its units only", async () => {
    const { db } = world;
    const { submission, city, county, changan } = await cityAndCounty(db);
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [changan.id], collectSchools: false, ...DEADLINE }, city));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id), county));
    dataOf(await handIn(db, county, changan.id));
    dataOf(await run(db, returnRowCommand, { submissionId: submission.id, unitId: changan.id, reason: "姓名有误" }, city));
    dataOf(await handIn(db, county, changan.id));
    dataOf(await run(db, confirmCommand, { submissionId: submission.id, unitIds: [changan.id] }, city));
    // Another county's school's 分派 is not the county's business.
    const school = await unitByCode(db, "3613010003");
    dataOf(await run(db, assignCommand, { submissionId: submission.id, unitIds: [school.id], ...DEADLINE }, city));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, submission.unitId, { email: "city@example.com" }), city));

    const [events, all] = await Promise.all([
      getEventsBySubmission({ db, submissionId: submission.id, onlyUnitsOf: county }),
      db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, submission.id)),
    ]);
    const actions = events.events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["delegation.assigned", "row.saved", "delegation.submitted", "delegation.returned", "delegation.confirmed"]));
    expect(actions.filter((a) => a === "delegation.assigned")).toHaveLength(1);
    expect(events.events.filter((e) => e.action === "row.saved").map((e) => e.detail.unitId)).toEqual([changan.id]);
    expect(all.length).toBeGreaterThan(events.events.length);
  });
});
