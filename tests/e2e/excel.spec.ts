import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as XLSX from "xlsx";
import { createDb } from "@/db/index";
import { rosterEntries, submissions, units, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { fillTemplate, HEADER, person } from "../unit/xlsx-fixtures";
import { seededTask } from "./support/demo";
import { login } from "./support/login";

// 邯郸's officer, added here: the demo city officer's table (石家庄) belongs to roster.spec.ts.
const OFFICER = { email: "handan-excel@test.baosong.cn", password: "Excel@2021pass", name: "马俊" };
// 保定's, for the failed commit: a table of its own, untouched by the other specs.
const BAODING_OFFICER = { email: "baoding-excel@test.baosong.cn", password: "Excel@2021pass", name: "韩雪" };
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function withDb<T>(work: (db: ReturnType<typeof createDb>["db"]) => Promise<T>): Promise<T> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    return await work(db);
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  await withDb(async (db) => {
    for (const [officer, code] of [
      [OFFICER, "1304"],
      [BAODING_OFFICER, "1306"],
    ] as const) {
      const [unit] = await db.select().from(units).where(eq(units.code, code));
      await db
        .insert(users)
        .values({ ...officer, role: "city_officer", unitId: unit.id, status: "active", passwordHash: await hashPassword(officer.password) })
        .onConflictDoNothing();
    }
  });
});

async function downloadTemplate(page: Page): Promise<Buffer> {
  const downloading = page.waitForEvent("download");
  await page.getByTestId("template-download").click();
  return readFile((await (await downloading).path())!);
}

test("a city officer downloads the template, fills it, reads the errors, fixes them and imports the table", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, OFFICER.email, OFFICER.password);
  await seededTask(page).getByTestId("open-submission").click();
  await expect(page.getByTestId("roster-table")).toBeVisible();
  const total = await page.getByTestId("roster-row").count();
  await expect(page.getByTestId("progress")).toHaveText(`已填 0 / ${total}`);

  const downloading = page.waitForEvent("download");
  await page.getByTestId("template-download").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^单位系统管理员实名信息表（模板）-邯郸市教育局-\d{8}\.xlsx$/);
  const template = await readFile((await download.path())!);

  // Filled in Excel: every unit, one phone number mistyped.
  const wrong = fillTemplate(template, (_unit, i) => (i === 1 ? { ...person(i), phone: "1380013800" } : person(i)));
  await page.getByTestId("import-open").click();
  const dialog = page.getByTestId("import-dialog");
  await dialog.getByTestId("import-file").setInputFiles({ name: "邯郸市管理员.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: wrong });
  await dialog.getByTestId("import-preview").click();
  await expect(dialog.getByTestId("import-errors")).toContainText("第 7 行 联系电话：手机号应为 11 位数字（当前 10 位），请核对");
  await expect(dialog.getByTestId("import-commit")).toBeDisabled();

  const reporting = page.waitForEvent("download");
  await dialog.getByTestId("import-error-report").click();
  expect((await reporting).suggestedFilename()).toBe("邯郸市管理员-错误说明.xlsx");

  // Fixed and chosen again: the preview lists what will be written, then the table shows it.
  const fixed = fillTemplate(template, (_unit, i) => person(i));
  await dialog.getByTestId("import-file").setInputFiles({ name: "邯郸市管理员.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: fixed });
  await dialog.getByTestId("import-preview").click();
  await expect(dialog.getByTestId("import-summary")).toContainText(`新增 ${total} 行，修改 0 行`);
  await expect(dialog.getByTestId("import-errors")).toHaveCount(0);
  await expect(page.getByTestId("progress")).toHaveText(`已填 0 / ${total}`);
  await dialog.getByTestId("import-commit").click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("progress")).toHaveText(`已填 ${total} / ${total}`);
  const second = page.getByTestId("roster-row").nth(1);
  await expect(second).toContainText(person(1).name);
  await expect(second).toContainText(person(1).phone as string);
  await expect(second).toContainText(person(1).email);
  await expect(page.getByTestId("timeline")).toContainText("从 Excel 导入了表格");

  const exporting = page.waitForEvent("download");
  await page.getByTestId("export-download").click();
  expect((await exporting).suggestedFilename()).toMatch(/^单位系统管理员实名信息表-邯郸市教育局-\d{8}\.xlsx$/);
});

test("a commit the server never finishes says so, writes nothing, and is offered again only from a fresh preview", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, BAODING_OFFICER.email, BAODING_OFFICER.password);
  await seededTask(page).getByTestId("open-submission").click();
  await expect(page.getByTestId("roster-table")).toBeVisible();
  const submissionId = Number(/\/submissions\/(\d+)/.exec(page.url())?.[1]);
  expect(submissionId).toBeGreaterThan(0);

  // This year's rows and 填报人 in the template, last year's copy as the first sheet.
  const workbook = XLSX.read(fillTemplate(await downloadTemplate(page), (_unit, i) => (i < 2 ? person(i) : undefined)), { type: "buffer" });
  const template = workbook.SheetNames[0];
  for (const cell of Object.values(workbook.Sheets[template])) if (cell?.v === "填报人：") cell.v = "填报人：韩雪";
  workbook.SheetNames.unshift("2020年");
  workbook.Sheets["2020年"] = XLSX.utils.aoa_to_sheet([HEADER, ["保定市教育局", "", "去年的人", "科长", "13800138999", "old@example.com"]]);
  const file = { name: "保定市管理员.xlsx", mimeType: XLSX_TYPE, buffer: XLSX.write(workbook, { type: "buffer", bookType: "xlsx" }) as Buffer };

  await page.getByTestId("import-open").click();
  const dialog = page.getByTestId("import-dialog");
  await dialog.getByTestId("import-file").setInputFiles(file);
  await dialog.getByTestId("import-preview").click();
  await expect(dialog.getByTestId("import-summary")).toContainText(`已读取工作表「${template}」：新增 2 行`);
  await expect(dialog.getByTestId("import-sheets")).toContainText("文件中有 2 个工作表有本表的表头（「2020年」「单位系统管理员实名信息表」）");
  await expect(dialog.getByTestId("import-lines")).toContainText("填报人：韩雪将填写为「韩雪」");

  // Picked with the keyboard, last year's sheet is read; picked back, this year's again.
  await dialog.getByLabel("要导入的工作表").focus();
  await page.keyboard.press("ArrowUp");
  await expect(dialog.getByTestId("import-summary")).toContainText("已读取工作表「2020年」：新增 1 行");
  await dialog.getByLabel("要导入的工作表").selectOption(template);
  await expect(dialog.getByTestId("import-summary")).toContainText(`已读取工作表「${template}」：新增 2 行`);

  // The commit's request dropped on the way, then answered with a bare 500: each time the dialog says so and previews again.
  const isCommit = (body: Buffer | null) => !!body?.includes("fileHash");
  for (const fail of ["abort", "500"] as const) {
    await page.route("**/*", (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"] || !isCommit(request.postDataBuffer())) return route.fallback();
      return fail === "abort" ? route.abort("connectionreset") : route.fulfill({ status: 500, body: "Internal Server Error" });
    });
    await dialog.getByTestId("import-commit").click();
    await expect(dialog.getByTestId("import-commit-error")).toContainText("服务器未完成导入，未写入任何内容，请重试。已按本表当前的内容重新预览");
    await expect(dialog.getByTestId("import-summary")).toContainText(`已读取工作表「${template}」：新增 2 行`);
    await expect(dialog.getByTestId("import-commit")).toBeEnabled();
    await page.unroute("**/*");
  }
  const stored = await withDb(async (db) => ({
    entries: await db.$count(rosterEntries, eq(rosterEntries.submissionId, submissionId)),
    filler: (await db.select({ name: submissions.fillerName }).from(submissions).where(eq(submissions.id, submissionId)))[0].name,
  }));
  expect(stored).toEqual({ entries: 0, filler: null });

  // A colleague's save lands before the next try: the server's own message, and the fresh preview shows the row as a change.
  await withDb(async (db) => {
    const [submission] = await db.select().from(submissions).where(eq(submissions.id, submissionId));
    const [bureau] = await db.select().from(units).where(eq(units.code, "1306"));
    await db.insert(rosterEntries).values({ campaignId: submission.campaignId, submissionId, unitId: bureau.id, name: "王建军", position: "科长", phone: "13900139000", email: "wjj@example.com" });
  });
  await dialog.getByTestId("import-commit").click();
  await expect(dialog.getByTestId("import-commit-error")).toContainText("第 6 行的单位在预览之后已被修改（如「保定市教育局」");
  await expect(dialog.getByTestId("import-summary")).toContainText("新增 1 行，修改 1 行");

  // This time the server commits but its answer is lost: read again, nothing is left to write, and the dialog says so.
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"] || !isCommit(request.postDataBuffer())) return route.fallback();
    await route.fetch();
    return route.fulfill({ status: 500, body: "Internal Server Error" });
  });
  await dialog.getByTestId("import-commit").click();
  await expect(dialog.getByTestId("import-commit-error")).toHaveText("服务器没有答复，但重新核对后，文件的内容已全部在本表中（导入可能已经完成）。请关闭窗口核对表格。");
  await expect(dialog.getByTestId("import-summary")).toContainText("新增 0 行，修改 0 行，不变 2 行");
  await expect(dialog.getByTestId("import-commit")).toBeDisabled();
  await page.unroute("**/*");
  const filler = () => withDb(async (db) => (await db.select({ name: submissions.fillerName }).from(submissions).where(eq(submissions.id, submissionId)))[0].name);
  expect(await filler()).toBe("韩雪");

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("roster-row").first()).toContainText(person(0).name);
});
