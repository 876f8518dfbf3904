import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import type { Db } from "@/db/index";
import { rosterEntries, submissionEvents, submissions } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { DENIED_MESSAGE, NOT_FOUND_MESSAGE } from "@/lib/core/errors";
import { saveRowCommand } from "@/lib/roster/commands";
import { NOT_EDITABLE_MESSAGE as NOT_EDITABLE } from "@/lib/submissions/workflow";
import { performDownload } from "@/lib/downloads/audited";
import type { ActionResult } from "@/lib/core/errors";
import { commitImportCommand, previewImportCommand } from "@/lib/xlsx/commands";
import { importErrorReport, templateDownload } from "@/lib/xlsx/exports";
import { REFUSALS } from "@/lib/xlsx/guard";
import { tooManyRowsMessage } from "@/lib/xlsx/limits";
import type { ImportOutcome } from "@/lib/xlsx/pipeline";
import {
  actorFor,
  auditOf,
  CHANGAN,
  CITY_COLLEAGUE_EMAIL,
  CITY_EMAIL,
  COUNTY_EMAIL,
  dataOf,
  fileOf,
  freshSeededDatabaseEachTest,
  NOW,
  REVIEWER_EMAIL,
  rowInput,
  run,
  saveHeader,
  SHIJIAZHUANG,
  submissionById,
  submissionOf,
  TANGSHAN_EMAIL,
  unitByCode,
  writeCounts,
} from "../support/actors";
import { EXE, encryptedWorkbook, fillTemplate, HEADER, person, sheetValues, withExtraPart, xlsxFrom } from "../unit/xlsx-fixtures";

const world = freshSeededDatabaseEachTest();

async function downloadedTemplate(db: Db, actor: Actor, submissionId: number): Promise<Buffer> {
  const file = await performDownload({ db, actor, ip: "127.0.0.1", now: NOW }, "xlsx.download_template", templateDownload(submissionId));
  if (!file) throw new Error("no template");
  return file.content;
}

async function preview(db: Db, actor: Actor, submissionId: number, bytes: Buffer, name = "管理员信息.xlsx"): Promise<ImportOutcome> {
  return dataOf(await run(db, previewImportCommand, { submissionId, file: fileOf(bytes, name) }, actor));
}

/** What a commit wrote, as the toast reads it. */
function written(result: ActionResult<ImportOutcome>) {
  const outcome = dataOf(result);
  expect(outcome.committed).toBe(true);
  return { created: outcome.counts.new, updated: outcome.counts.changed, unchanged: outcome.counts.unchanged };
}

/** What the dialog sends back: the file, the sheet it showed and what the preview compared against. */
function commitInput(submissionId: number, bytes: Buffer, shown: ImportOutcome, name = "管理员信息.xlsx") {
  return { submissionId, file: fileOf(bytes, name), sheet: shown.sheetName, fileHash: shown.fileHash, seen: JSON.stringify(shown.seen), seenHeader: String(shown.seenHeader) };
}

/** A workbook edited in Excel: `edit` changes its sheets in place. */
function edited(bytes: Buffer, edit: (workbook: XLSX.WorkBook) => void): Buffer {
  const workbook = XLSX.read(bytes, { type: "buffer" });
  edit(workbook);
  return XLSX.write(workbook, { type: "buffer", bookType: "xlsx" }) as Buffer;
}

/** The template's 「填报人：」 and 「联系电话：」 lines filled in. */
function withHeaderLines(template: Buffer, fillerName: string, fillerPhone: string): Buffer {
  return edited(template, (workbook) => {
    const sheet = workbook.Sheets[workbook.SheetNames[0]];
    for (const cell of Object.values(sheet)) {
      if (cell?.v === "填报人：") cell.v = `填报人：${fillerName}`;
      else if (cell?.v === "联系电话：") cell.v = `联系电话：${fillerPhone}`;
    }
  });
}

async function entriesOf(db: Db) {
  return db.select().from(rosterEntries).orderBy(rosterEntries.unitId);
}

describe("import", () => {
  it("previews the downloaded template filled back in, then writes it in one transaction with one event and its audit row", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const filled = fillTemplate(await downloadedTemplate(db, actor, submission.id), (_unit, i) => (i < 3 ? person(i) : undefined));
    const before = await writeCounts(db);

    const shown = await preview(db, actor, submission.id, filled);
    expect(shown.errors).toEqual([]);
    expect(shown.counts).toMatchObject({ new: 3, changed: 0, unchanged: 0, error: 0 });
    expect(shown.counts.blank).toBeGreaterThan(10);
    expect(await writeCounts(db)).toEqual(before);
    expect(await auditOf(db, "xlsx.preview_import")).toEqual([expect.objectContaining({ outcome: "success", targetId: String(submission.id) })]);

    expect(written(await run(db, commitImportCommand, commitInput(submission.id, filled, shown), actor))).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const entries = await entriesOf(db);
    expect(entries).toHaveLength(3);
    const rows = shown.rows.filter((r) => r.status === "new");
    expect(entries.map((e) => e.email).sort()).toEqual(rows.map((r) => r.values.email).sort());
    expect(entries.every((e) => e.version === 1 && e.updatedBy === actor.userId && e.submissionId === submission.id)).toBe(true);

    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, submission.id));
    expect(events).toEqual([expect.objectContaining({ action: "rows.imported", detail: { fileName: "管理员信息.xlsx", created: 3, updated: 0, unchanged: 0, unitIds: expect.arrayContaining(entries.map((e) => e.unitId)) } })]);
    const [audit] = await auditOf(db, "xlsx.commit_import");
    expect(audit).toMatchObject({ outcome: "success", userId: actor.userId, targetType: "submission", targetId: String(submission.id), detail: expect.objectContaining({ created: 3 }) });
    const xmins = await db.execute<{ xmin: string }>(sql`
      select xmin::text from roster_entries union select xmin::text from submission_events union select xmin::text from audit_log where id = ${audit.id}`);
    expect(xmins).toHaveLength(1);
  });

  it("imports the same file again as unchanged, and an edited file as a change of the edited row only", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const template = await downloadedTemplate(db, actor, submission.id);
    const first = fillTemplate(template, (_unit, i) => (i < 2 ? person(i) : undefined));
    dataOf(await run(db, commitImportCommand, commitInput(submission.id, first, await preview(db, actor, submission.id, first)), actor));

    const again = await preview(db, actor, submission.id, first);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    expect(written(await run(db, commitImportCommand, commitInput(submission.id, first, again), actor))).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await db.$count(submissionEvents)).toBe(1);

    const edited = fillTemplate(template, (_unit, i) => (i === 0 ? { ...person(0), position: "副局长" } : i === 1 ? person(1) : undefined));
    const shown = await preview(db, actor, submission.id, edited);
    expect(shown.rows.filter((r) => r.status === "changed")).toEqual([expect.objectContaining({ changes: ["职务：信息中心主任 → 副局长"] })]);
    expect(written(await run(db, commitImportCommand, commitInput(submission.id, edited, shown), actor))).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const entries = await entriesOf(db);
    expect(entries.map((e) => [e.position, e.version]).sort()).toEqual([
      ["信息中心主任", 1],
      ["副局长", 2],
    ]);
  });

  it("shows every error of a wrong file and refuses to commit it, writing nothing", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const p = person(1);
    const bytes = xlsxFrom([
      {
        name: "Sheet1",
        rows: [
          HEADER,
          ["石家庄市教育局", "", p.name, p.position, p.phone, p.email],
          ["长安区教育局", "", p.name, p.position, "1380013800", p.email],
          ["唐山市示例职业教育中心", "3613020001", p.name, p.position, p.phone, p.email],
          ["石家庄市教育局", "", "王建国", p.position, p.phone, "wjg@example.com"],
        ],
      },
    ]);
    const before = await writeCounts(db);

    const shown = await preview(db, actor, submission.id, bytes);
    expect(shown.errors).toEqual([
      "第 3 行 联系电话：手机号应为 11 位数字（当前 10 位），请核对",
      "第 4 行 单位名称：「唐山市示例职业教育中心」不属于石家庄市教育局的报送范围，请删除这一行，由该单位所属的报送单位填报",
      "第 5 行 单位名称：「石家庄市教育局」已在第 2 行填写，每个单位只能有一名系统管理员，请只保留一行",
    ]);
    const result = await run(db, commitImportCommand, commitInput(submission.id, bytes, shown), actor);
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        file: "文件中有 3 处错误，未导入任何内容。请修正后重新预览。",
        "line.3": "第 3 行 联系电话：手机号应为 11 位数字（当前 10 位），请核对",
        "line.4": "第 4 行 单位名称：「唐山市示例职业教育中心」不属于石家庄市教育局的报送范围，请删除这一行，由该单位所属的报送单位填报",
        "line.5": "第 5 行 单位名称：「石家庄市教育局」已在第 2 行填写，每个单位只能有一名系统管理员，请只保留一行",
      },
    });
    expect(await writeCounts(db)).toEqual(before);
    expect(await auditOf(db, "xlsx.commit_import")).toEqual([expect.objectContaining({ outcome: "rejected" })]);
  });

  it("refuses to overwrite a row someone changed after the preview, and writes none of the file", async () => {
    const { db } = world;
    const liu = await actorFor(db, CITY_EMAIL);
    const wang = await actorFor(db, CITY_COLLEAGUE_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const changan = await unitByCode(db, CHANGAN);
    const p = person(1);
    const bytes = xlsxFrom([{ name: "s", rows: [HEADER, ["石家庄市教育局", "", p.name, p.position, p.phone, p.email], ["长安区教育局", "", "刘洋", "科长", "13900139000", "liuyang@example.com"]] }]);
    const shown = await preview(db, liu, submission.id, bytes);
    expect(shown.counts.new).toBe(2);

    dataOf(await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { name: "王建国", email: "wjg@example.com" }), wang));
    const before = await writeCounts(db);
    const result = await run(db, commitImportCommand, commitInput(submission.id, bytes, shown), liu);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.formError).toMatch(/^第 2 行的单位在预览之后已被修改（如「石家庄市教育局」，王建国 于 .+ 修改）/);
    expect(await writeCounts(db)).toEqual(before);
    expect(await entriesOf(db)).toEqual([expect.objectContaining({ unitId: bureau.id, name: "王建国" })]);
    expect((await entriesOf(db)).some((e) => e.unitId === changan.id)).toBe(false);

    // Previewed again, the file shows the colleague's row as what it would change, and goes through.
    const fresh = await preview(db, liu, submission.id, bytes);
    expect(fresh.rows.map((r) => r.status)).toEqual(["changed", "new"]);
    expect(written(await run(db, commitImportCommand, commitInput(submission.id, bytes, fresh), liu))).toEqual({ created: 1, updated: 1, unchanged: 0 });
  });

  it("commits only the file it previewed, and takes no rows from the browser", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const p = person(1);
    const previewed = xlsxFrom([{ name: "s", rows: [HEADER, ["石家庄市教育局", "", p.name, p.position, p.phone, p.email]] }]);
    const other = xlsxFrom([{ name: "s", rows: [HEADER, ["石家庄市教育局", "", "李逵", p.position, p.phone, "likui@example.com"]] }]);
    const shown = await preview(db, actor, submission.id, previewed);
    const before = await writeCounts(db);

    const swapped = await run(db, commitImportCommand, { ...commitInput(submission.id, other, shown) }, actor);
    expect(swapped).toEqual({ ok: false, formError: "这个文件与预览时的文件不同。请重新选择文件，核对预览后再导入。" });
    const withRows = await run(db, commitImportCommand, { ...commitInput(submission.id, previewed, shown), rows: JSON.stringify(shown.rows) }, actor);
    expect(withRows.ok).toBe(false);
    expect(await writeCounts(db)).toEqual(before);
  });

  it("refuses an .exe, a corrupt, an encrypted, an oversized-when-inflated and a too-long file, writing nothing", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const p = person(1);
    const valid = xlsxFrom([{ name: "s", rows: [HEADER, ["石家庄市教育局", "", p.name, p.position, p.phone, p.email]] }]);
    const tooLong = xlsxFrom([{ name: "s", rows: [HEADER, ...Array.from({ length: 5001 }, () => ["石家庄市教育局", "", p.name, p.position, p.phone, p.email])] }]);
    const before = await writeCounts(db);

    const cases: [Buffer, string][] = [
      [EXE, REFUSALS.notSpreadsheet],
      [valid.subarray(0, valid.length - 100), REFUSALS.corrupt],
      [encryptedWorkbook(), REFUSALS.encrypted],
      [withExtraPart(valid, 60 * 1024 * 1024), REFUSALS.inflated],
      [tooLong, tooManyRowsMessage(5001)],
    ];
    for (const [bytes, message] of cases) {
      expect(await run(db, previewImportCommand, { submissionId: submission.id, file: fileOf(bytes, "名单.xlsx") }, actor)).toEqual({ ok: false, fieldErrors: { file: message } });
      const commit = await run(db, commitImportCommand, { submissionId: submission.id, file: fileOf(bytes, "名单.xlsx"), fileHash: "0".repeat(64), seen: "[]" }, actor);
      expect(commit).toEqual({ ok: false, fieldErrors: { file: message } });
    }
    expect(await writeCounts(db)).toEqual(before);
    expect((await auditOf(db, "xlsx.preview_import")).map((a) => a.outcome)).toEqual(Array(cases.length).fill("rejected"));
  });

  it("stores nothing of the columns outside the table", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const p = person(1);
    const bytes = xlsxFrom([{ name: "s", rows: [[...HEADER, "身份证号", "备注"], ["石家庄市教育局", "", p.name, p.position, p.phone, p.email, "130102199001011234", "家住某某小区"]] }]);
    dataOf(await run(db, commitImportCommand, commitInput(submission.id, bytes, await preview(db, actor, submission.id, bytes)), actor));

    expect(await db.$count(rosterEntries)).toBe(1);
    const [{ found }] = await db.execute<{ found: number }>(sql`
      select count(*)::int as found from (
        select row_to_json(r)::text as t from roster_entries r
        union all select row_to_json(e)::text from submission_events e
        union all select row_to_json(a)::text from audit_log a
      ) x where t like '%199001011234%' or t like '%某某小区%'`);
    expect(found).toBe(0);
  });

  it("lets only the reporting unit's filler import, and only while the table is open", async () => {
    const { db } = world;
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const p = person(1);
    const bytes = xlsxFrom([{ name: "s", rows: [HEADER, ["长安区教育局", "", p.name, p.position, p.phone, p.email]] }]);
    const input = { submissionId: submission.id, file: fileOf(bytes, "名单.xlsx") };
    const before = await writeCounts(db);

    const county = await run(db, previewImportCommand, input, await actorFor(db, COUNTY_EMAIL));
    expect(county).toMatchObject({ ok: false, formError: expect.stringContaining("只有报送单位的填报员可以导入本表") });
    expect(await run(db, previewImportCommand, input, await actorFor(db, REVIEWER_EMAIL))).toEqual({ ok: false, formError: DENIED_MESSAGE });
    expect(await run(db, previewImportCommand, input, await actorFor(db, TANGSHAN_EMAIL))).toEqual({ ok: false, notFound: true, formError: NOT_FOUND_MESSAGE });
    const tangshanCommit = await run(db, commitImportCommand, { ...input, fileHash: "0".repeat(64), seen: "[]" }, await actorFor(db, TANGSHAN_EMAIL));
    expect(tangshanCommit).toEqual({ ok: false, notFound: true, formError: NOT_FOUND_MESSAGE });

    const actor = await actorFor(db, CITY_EMAIL);
    const shown = await preview(db, actor, submission.id, bytes);
    await db.update(submissions).set({ status: "submitted", submittedAt: NOW }).where(eq(submissions.id, submission.id));
    expect(await run(db, previewImportCommand, input, actor)).toEqual({ ok: false, formError: NOT_EDITABLE });
    expect(await run(db, commitImportCommand, commitInput(submission.id, bytes, shown), actor)).toEqual({ ok: false, formError: NOT_EDITABLE });
    expect(await db.$count(rosterEntries)).toBe(before.entries);
  });

  it("reads the template's sheet before last year's copy, and commits the sheet the person picked and saw", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const [lastYear, thisYear] = [person(1), person(2)];
    const filled = fillTemplate(await downloadedTemplate(db, actor, submission.id), (_unit, i) => (i === 0 ? thisYear : undefined));
    const bytes = edited(filled, (workbook) => {
      workbook.SheetNames.unshift("2020年");
      workbook.Sheets["2020年"] = XLSX.utils.aoa_to_sheet([HEADER, ["石家庄市教育局", "", lastYear.name, lastYear.position, lastYear.phone, lastYear.email]]);
    });

    const shown = await preview(db, actor, submission.id, bytes);
    expect([shown.sheetName, shown.sheetsWithHeader]).toEqual(["单位系统管理员实名信息表", ["2020年", "单位系统管理员实名信息表"]]);
    expect(shown.rows.find((r) => r.status === "new")?.values.name).toBe(thisYear.name);

    // The person picks last year's sheet (it is what they mean to import): the commit reads that sheet, not the preferred one.
    const picked = dataOf(await run(db, previewImportCommand, { submissionId: submission.id, file: fileOf(bytes, "管理员信息.xlsx"), sheet: "2020年" }, actor));
    expect(picked.sheetName).toBe("2020年");
    expect(written(await run(db, commitImportCommand, commitInput(submission.id, bytes, picked), actor))).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await entriesOf(db)).map((e) => e.name)).toEqual([lastYear.name]);
    const [audit] = await auditOf(db, "xlsx.commit_import");
    expect(audit.detail).toMatchObject({ sheet: "2020年", created: 1 });

    const before = await writeCounts(db);
    const missing = await run(db, commitImportCommand, { ...commitInput(submission.id, bytes, picked), sheet: "2019年" }, actor);
    expect(missing).toEqual({ ok: false, fieldErrors: { file: "文件中没有工作表「2019年」，请重新选择文件后预览。" } });
    const tooLong = await run(db, commitImportCommand, { ...commitInput(submission.id, bytes, picked), sheet: "表".repeat(32) }, actor);
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { sheet: expect.any(String) } });
    expect(await writeCounts(db)).toEqual(before);
  });

  it("reads the 填报人 and 联系电话 lines into the header with the rows, in the same transaction", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const template = await downloadedTemplate(db, actor, submission.id);
    const bytes = withHeaderLines(fillTemplate(template, (_unit, i) => (i < 2 ? person(i) : undefined)), "张 三", "0311 6600 5705");

    const shown = await preview(db, actor, submission.id, bytes);
    expect(shown.lines.map((l) => [l.label, l.line, l.status, l.value, l.note])).toEqual([
      ["填报人", 3, "changed", "张三", "将填写为「张三」"],
      ["联系电话", 4, "changed", "0311-66005705", "将填写为「0311-66005705」"],
    ]);
    expect((await submissionById(db, submission.id)).fillerName).toBeNull();

    const version = (await submissionById(db, submission.id)).version;
    expect(written(await run(db, commitImportCommand, commitInput(submission.id, bytes, shown), actor))).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const stored = await submissionById(db, submission.id);
    expect([stored.fillerName, stored.fillerPhone, stored.version]).toEqual(["张三", "0311-66005705", version + 1]);
    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, submission.id)).orderBy(submissionEvents.id);
    expect(events.map((e) => e.action)).toEqual(["rows.imported", "header.saved"]);
    const xmins = await db.execute(sql`select xmin::text from roster_entries union select xmin::text from submissions where id = ${submission.id}`);
    expect(xmins).toHaveLength(1);
    expect((await auditOf(db, "xlsx.commit_import"))[0].detail).toMatchObject({ header: ["填报人", "联系电话"] });

    // The same file again changes nothing; an invalid phone is ignored while the rows still import.
    expect((await preview(db, actor, submission.id, bytes)).lines.map((l) => l.status)).toEqual(["unchanged", "unchanged"]);
    const wrongPhone = withHeaderLines(fillTemplate(template, (_unit, i) => (i < 3 ? person(i) : undefined)), "李四", "1380013800");
    const again = await preview(db, actor, submission.id, wrongPhone);
    expect(again.lines.map((l) => [l.status, l.value])).toEqual([
      ["changed", "李四"],
      ["ignored", null],
    ]);
    expect(again.lines[1].note).toMatch(/^已忽略（联系电话：.+），保留本表原有的「0311-66005705」$/);
    expect(written(await run(db, commitImportCommand, commitInput(submission.id, wrongPhone, again), actor))).toEqual({ created: 1, updated: 0, unchanged: 2 });
    const after = await submissionById(db, submission.id);
    expect([after.fillerName, after.fillerPhone]).toEqual(["李四", "0311-66005705"]);
  });

  it("refuses to change a header someone saved after the preview, and writes none of the file", async () => {
    const { db } = world;
    const liu = await actorFor(db, CITY_EMAIL);
    const wang = await actorFor(db, CITY_COLLEAGUE_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bytes = withHeaderLines(fillTemplate(await downloadedTemplate(db, liu, submission.id), (_unit, i) => (i === 0 ? person(0) : undefined)), "张三", "13900139000");
    const shown = await preview(db, liu, submission.id, bytes);

    await saveHeader(db, wang, submission.id);
    const before = await writeCounts(db);
    const result = await run(db, commitImportCommand, commitInput(submission.id, bytes, shown), liu);
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/^本表的填报人信息在预览之后已被 王.* 于 .+ 修改，为避免覆盖他人的修改，未导入任何内容。/) });
    expect(await writeCounts(db)).toEqual(before);
    expect((await submissionById(db, submission.id)).fillerName).toBe("刘海燕");
  });

  it("hands a wrong file back with 错误说明 beside each wrong row, and audits it", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const p = person(1);
    const bytes = xlsxFrom([
      {
        name: "名单",
        rows: [["单位系统管理员实名信息表"], HEADER, ["石家庄市教育局", "", p.name, p.position, p.phone, p.email], ["长安区教育局", "", p.name, p.position, "12345", "bad"], ["不存在的局", "", p.name, p.position, p.phone, p.email], [], ["填表说明："]],
      },
    ]);
    const report = await performDownload({ db, actor, ip: "127.0.0.1", now: NOW }, "xlsx.download_import_errors", importErrorReport(submission.id, fileOf(bytes, "名单.xlsx")));
    expect(report?.fileName).toBe("名单-错误说明.xlsx");
    const values = sheetValues(report!.content);
    expect(values[1][6]).toBe("错误说明");
    expect(values[2][6]).toBe("");
    expect(values[3][6]).toMatch(/^联系电话：.+；邮箱：格式不正确/);
    expect(values[4][6]).toMatch(/^单位名称：未找到「不存在的局」/);
    expect(values[3].slice(0, 6)).toEqual(["长安区教育局", "", p.name, p.position, "12345", "bad"]);
    expect(await auditOf(db, "xlsx.download_import_errors")).toEqual([expect.objectContaining({ outcome: "success", detail: { rows: 2, fileName: "名单-错误说明.xlsx" } })]);
    expect(await db.$count(rosterEntries)).toBe(0);
  });
});
