import type { AuditAction } from "@/lib/core/audit-actions";
import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaigns, units } from "@/db/schema";
import { DEMO_LOGINS } from "@/db/seed";
import type { Actor } from "@/lib/core/actor";
import { saveRowCommand } from "@/lib/roster/commands";
import { TABLE_TITLE } from "@/lib/roster/template";
import { compactDate } from "@/lib/time";
import { type BuildDownload, performDownload } from "@/lib/downloads/audited";
import { commitImportCommand, previewImportCommand } from "@/lib/xlsx/commands";
import { provinceExport, submissionExport, templateDownload } from "@/lib/xlsx/exports";
import { actorFor, auditOf, CHANGAN, CITY_EMAIL, COUNTY_EMAIL, dataOf, fileOf, fillEveryRow, tableRowsOf, freshSeededDatabaseEachTest, NOW, REVIEWER_EMAIL, rowInput, run, SHIJIAZHUANG, submissionOf, TANGSHAN_EMAIL, unitByCode } from "../support/actors";
import { fillTemplate, HEADER, sheetValues } from "../unit/xlsx-fixtures";

const world = freshSeededDatabaseEachTest();

function download(db: Db, actor: Actor, action: AuditAction, build: BuildDownload, reason?: string) {
  return performDownload({ db, actor, ip: "127.0.0.1", now: NOW, reason }, action, build);
}

/** The province's roster always holds more than 50 rows: it is exported with a reason. */
const REASON = "报送教育部汇总";

const emailOf = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;

async function sheetOf(content: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

const THIN = { style: "thin" };

describe("template", () => {
  it("lays out the notice's table with the city's units and school codes, and audits the download with its row count", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const rows = await tableRowsOf(db, actor, submission.id);
    // The 填表说明 are the campaign's, as the province last saved them.
    const notes = ["请于 3 月 10 日 17 时前报送。", "各单位系统管理员仅限一名。"];
    await db.update(campaigns).set({ tableNotes: notes }).where(eq(campaigns.id, submission.campaignId));

    const file = await download(db, actor, "xlsx.download_template", templateDownload(submission.id));
    expect(file?.fileName).toBe(`${TABLE_TITLE}（模板）-石家庄市教育局-${compactDate(NOW)}.xlsx`);
    const values = sheetValues(file!.content);
    expect(values.slice(0, 5)).toEqual([
      [TABLE_TITLE, "", "", "", "", ""],
      ["填报单位（盖章）：石家庄市教育局", "", "", "", "", ""],
      ["填报人：", "", "", "", "", ""],
      ["联系电话：", "", "", "", "", ""],
      HEADER,
    ]);
    const body = values.slice(5, 5 + rows.length);
    expect(body.map((r) => [r[0], r[1]])).toEqual(rows.map((r) => [r.unitName, r.registrySchoolCode ?? ""]));
    expect(body.filter((r) => r[1]).map((r) => r[1])).toEqual(["3613010002", "3613010003", "3613010001"]);
    expect(values.slice(5 + rows.length + 1).map((r) => r[0])).toEqual(["填表说明：", "1. 请于 3 月 10 日 17 时前报送。", "2. 各单位系统管理员仅限一名。"]);

    const sheet = await sheetOf(file!.content);
    expect(sheet.name).toBe(TABLE_TITLE);
    expect(sheet.columns.map((c) => c.width)).toEqual([36, 24, 12, 18, 18, 30]);
    // The code and phone columns are text, so Excel keeps 0311-… and all ten digits as typed.
    expect(sheet.getCell("E6").numFmt).toBe("@");
    expect(sheet.getCell("B6").numFmt).toBe("@");

    // As the attachment prints: bold centred merged title, bold centred header on every page, borders, A4 landscape.
    expect(sheet.getCell("F1").master.address).toBe("A1");
    expect(sheet.getCell("A1")).toMatchObject({ font: expect.objectContaining({ bold: true }), alignment: expect.objectContaining({ horizontal: "center" }) });
    expect(sheet.getCell("F2").master.address).toBe("A2");
    for (let c = 1; c <= 6; c++) {
      const cell = sheet.getRow(5).getCell(c);
      expect(cell.font, cell.address).toMatchObject({ bold: true });
      expect(cell.alignment, cell.address).toMatchObject({ horizontal: "center", wrapText: true });
      expect(cell.border, cell.address).toEqual({ top: THIN, left: THIN, bottom: THIN, right: THIN });
    }
    const last = 5 + rows.length;
    // The blank rows are bordered too, for filling in by hand.
    expect(sheet.getCell(`D${last}`).border).toEqual({ top: THIN, left: THIN, bottom: THIN, right: THIN });
    expect(sheet.getCell(`A${last}`).alignment).toMatchObject({ wrapText: true });
    expect(sheet.getCell(`A${last + 2}`).border?.top).toBeUndefined();
    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "5:5" });

    // Nothing saved yet: no one's data in the file.
    expect(await auditOf(db, "xlsx.download_template")).toEqual([
      expect.objectContaining({ outcome: "success", userId: actor.userId, targetType: "submission", targetId: String(submission.id), detail: { rows: 0, fileName: file!.fileName } }),
    ]);
  });

  it("carries the saved rows, and reads back through the import as the same rows: download, edit, import is one loop", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    // A unit name and a position a spreadsheet would take for formulas.
    const changan = await unitByCode(db, CHANGAN);
    await db.update(units).set({ name: "=1+1" }).where(eq(units.id, changan.id));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { position: "-1+1", phone: "0311-66005705" }), actor));
    const filled = await fillEveryRow(db, actor, submission.id);
    const saved = () => tableRowsOf(db, actor, submission.id);
    const before = await saved();

    const file = (await download(db, actor, "xlsx.download_template", templateDownload(submission.id), filled > 50 ? REASON : undefined))!;
    const values = sheetValues(file.content);
    expect(values[4][0]).toMatch(/^导出人：.*导出时间：2025年3月3日 10:00/);
    expect(values[5]).toEqual(HEADER);
    expect(values.find((r) => r[0] === "'=1+1")).toEqual(["'=1+1", "", "王伟", "'-1+1", "0311-66005705", "wangwei@example.com"]);
    expect(await auditOf(db, "xlsx.download_template")).toEqual([expect.objectContaining({ outcome: "success", detail: expect.objectContaining({ rows: filled }) })]);

    const preview = dataOf(await run(db, previewImportCommand, { submissionId: submission.id, file: fileOf(file.content, file.fileName) }, actor));
    expect(preview.counts).toMatchObject({ unchanged: filled, new: 0, changed: 0, error: 0 });
    const asStored = before.map((r) => ({ unitName: r.unitName, schoolCode: r.entry!.schoolCode ?? "", name: r.entry!.name, position: r.entry!.position, phone: r.entry!.phone, email: r.entry!.email }));
    expect(preview.rows.map((r) => r.values)).toEqual(asStored);

    // Edited in Excel and imported again: only the edited row changes.
    const edited = fillTemplate(file.content, (unit) => (unit === "'=1+1" ? { position: "=副局长" } : undefined));
    const shown = dataOf(await run(db, previewImportCommand, { submissionId: submission.id, file: fileOf(edited, file.fileName) }, actor));
    expect(shown.counts).toMatchObject({ unchanged: filled - 1, changed: 1, error: 0 });
    dataOf(await run(db, commitImportCommand, { submissionId: submission.id, file: fileOf(edited, file.fileName), fileHash: shown.fileHash, seen: JSON.stringify(shown.seen) }, actor));
    const after = await saved();
    expect(after.find((r) => r.unitId === changan.id)?.entry?.position).toBe("=副局长");
    expect(after.filter((r) => r.unitId !== changan.id).map((r) => r.entry)).toEqual(before.filter((r) => r.unitId !== changan.id).map((r) => r.entry));
  });

  it("gives a county officer its own part of its city's table, and the 唐山 officer nothing of 石家庄's", async () => {
    const { db } = world;
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const county = await download(db, await actorFor(db, COUNTY_EMAIL), "xlsx.download_template", templateDownload(submission.id));
    expect(sheetValues(county!.content).slice(5, 7).map((r) => r[0])).toEqual(["长安区教育局", "长安区示例职业中学"]);
    expect(sheetValues(county!.content)[7][0]).toBe("");

    expect(await download(db, await actorFor(db, TANGSHAN_EMAIL), "xlsx.download_template", templateDownload(submission.id))).toBeNull();
    expect(await auditOf(db, "xlsx.download_template")).toHaveLength(1);
  });
});

describe("export of a table", () => {
  it("fills the table with what was saved, and writes a value that looks like a formula as text", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const changan = await unitByCode(db, CHANGAN);
    const formula = '=HYPERLINK("http://x.cn","点")';
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { position: formula, phone: "0311-66005705" }), actor));

    const file = await download(db, actor, "xlsx.export_submission", submissionExport(submission.id));
    expect(file?.fileName).toBe(`${TABLE_TITLE}-石家庄市教育局-${compactDate(NOW)}.xlsx`);
    const sheet = XLSX.read(file!.content, { type: "buffer", cellFormula: true }).Sheets[TABLE_TITLE];
    const line = sheetValues(file!.content).findIndex((r) => r[0] === "长安区教育局");
    const cell = (c: number) => sheet[XLSX.utils.encode_cell({ r: line, c })];
    // The apostrophe keeps it text in Excel, and in a CSV saved from it.
    expect([cell(2).v, cell(3).v, cell(4).v, cell(5).v]).toEqual(["王伟", `'${formula}`, "0311-66005705", "wangwei@example.com"]);
    expect(cell(3)).toMatchObject({ t: "s" });
    expect(cell(3).f).toBeUndefined();
    expect(await auditOf(db, "xlsx.export_submission")).toEqual([expect.objectContaining({ outcome: "success", detail: expect.objectContaining({ rows: 1 }) })]);
  });
});

describe("province export", () => {
  it("gives a reviewer every covered unit: a summary, then one sheet per city-level table and one for the schools reporting directly", async () => {
    const { db } = world;
    const city = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { position: "-1+1" }), city));
    const reviewer = await actorFor(db, REVIEWER_EMAIL);

    const file = await download(db, reviewer, "xlsx.export_province", provinceExport(submission.campaignId), REASON);
    const workbook = XLSX.read(file!.content, { type: "buffer", cellFormula: true });
    const cityNames = (await db.select({ name: units.name }).from(units).where(eq(units.kind, "city_bureau")).orderBy(units.sortOrder)).map((u) => u.name);
    expect(workbook.SheetNames).toEqual(["汇总", ...cityNames, "省属学校及高职院校"]);

    const [{ covered }] = await db.execute<{ covered: number }>(sql`select count(*)::int as covered from units where active and kind not in ('ministry', 'province_bureau')`);
    const detail = workbook.SheetNames.slice(1).flatMap((name) => XLSX.utils.sheet_to_json<Record<string, string>>(workbook.Sheets[name], { defval: "", range: 2 }));
    expect(detail).toHaveLength(covered);
    expect(detail.find((r) => r["单位名称"] === "石家庄市教育局")).toEqual({
      报送单位: "石家庄市教育局",
      单位名称: "石家庄市教育局",
      学校标识码: "",
      姓名: "王伟",
      职务: "'-1+1",
      联系电话: "13800138000",
      邮箱: "wangwei@example.com",
      报送状态: "草稿",
      提交时间: "",
      最后修改时间: "2025年3月3日 10:00",
    });
    const position = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets["石家庄市教育局"], { header: 1 }).findIndex((r) => r[1] === "石家庄市教育局");
    expect(workbook.Sheets["石家庄市教育局"][XLSX.utils.encode_cell({ r: position, c: 4 })]).toMatchObject({ t: "s", v: "'-1+1" });

    const summary = XLSX.utils.sheet_to_json<Record<string, string | number>>(workbook.Sheets["汇总"], { range: 2 });
    expect(summary).toHaveLength(cityNames.length + 10);
    expect(summary[0]).toMatchObject({ 报送单位: "石家庄市教育局", 报送状态: "草稿", 已填写单位数: 1 });
    expect(summary.reduce((sum, r) => sum + Number(r["覆盖单位数"]), 0)).toBe(covered);

    expect(await auditOf(db, "xlsx.export_province")).toEqual([
      expect.objectContaining({ outcome: "success", userId: reviewer.userId, targetType: "campaign", targetId: String(submission.campaignId), detail: expect.objectContaining({ rows: covered, reason: REASON }) }),
    ]);
  });

  it("gives the province's roster to province administrators and reviewers only", async () => {
    const { db } = world;
    const { campaignId } = await submissionOf(db, SHIJIAZHUANG);
    expect(await download(db, await actorFor(db, emailOf("province_admin")), "xlsx.export_province", provinceExport(campaignId), REASON)).not.toBeNull();
    for (const email of [CITY_EMAIL, emailOf("auditor"), emailOf("school_staff")]) {
      expect(await download(db, await actorFor(db, email), "xlsx.export_province", provinceExport(campaignId), REASON)).toBeNull();
    }
    expect(await download(db, await actorFor(db, REVIEWER_EMAIL), "xlsx.export_province", provinceExport(campaignId + 1000), REASON)).toBeNull();
    expect(await auditOf(db, "xlsx.export_province")).toHaveLength(1);
  });
});
