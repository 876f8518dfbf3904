import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { createDb } from "@/db/index";
import { units, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { fillTemplate, person } from "../unit/xlsx-fixtures";
import { seededTask } from "./support/demo";
import { login } from "./support/login";

// 邯郸's officer, added here: the demo city officer's table (石家庄) belongs to roster.spec.ts.
const OFFICER = { email: "handan-excel@test.baosong.cn", password: "Excel@2021pass", name: "马俊" };

test.beforeAll(async () => {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const [handan] = await db.select().from(units).where(eq(units.code, "1304"));
    await db
      .insert(users)
      .values({ ...OFFICER, role: "city_officer", unitId: handan.id, status: "active", passwordHash: await hashPassword(OFFICER.password) })
      .onConflictDoNothing();
  } finally {
    await client.end();
  }
});

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
