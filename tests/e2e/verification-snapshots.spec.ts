// 数据核验, the province's first steps: a task of kind 数据核验 with its 核验学年, then 参考数据 imported for that year
// (a row error first, then the fixed file as version 1; the same file again changes nothing), shown on the task's page.
import { expect, test } from "@playwright/test";
import { xlsxFrom } from "../unit/xlsx-fixtures";
import { demoLogin } from "./support/demo";
import { login } from "./support/login";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADER = ["学校名称", "学校标识码", "在校生数", "专任教师数", "占地面积", "校舍建筑面积", "教学仪器设备总值", "图书", "备注"];
const statistics = (code: string) =>
  xlsxFrom([{ name: "Sheet1", rows: [HEADER, ["长安区示例职业中学", code, "1200", "80", "52000", "31000", "860", "12", ""], ["河北省示例机电工程学校", "3613000001", "3400", "210", "150000", "98000", "", "30", "设备值待补"]] }]);

test("the province creates a verification task and imports its reference data", async ({ page }) => {
  test.setTimeout(180_000);
  const admin = demoLogin("province_admin");
  await login(page, admin.email, admin.password);
  await page.goto("/admin/campaigns/new");
  await page.getByTestId("campaign-kind-verification").check();
  await page.getByTestId("campaign-title").fill("关于开展中等职业学校管理信息系统数据核验工作的通知");
  await page.getByTestId("campaign-doc-number").fill(`冀教办函〔2021〕${Date.now() % 1000}号`);
  await page.getByTestId("campaign-body-input").fill("请各单位逐校核验参考数据。");
  await page.getByTestId("campaign-save").click();
  await expect(page.getByTestId("schoolYear-error")).toHaveText("核验学年：请选择");
  await page.getByTestId("verification-school-year").selectOption("2021");
  await page.getByTestId("deadline-date-year").fill(String(new Date().getFullYear() + 1));
  await page.getByTestId("deadline-date-month").selectOption("11");
  await page.getByTestId("deadline-date-day").selectOption("26");
  await page.getByLabel("石家庄市教育局", { exact: true }).check();
  await page.getByTestId("campaign-save").click();
  await expect(page).toHaveURL(/\/admin\/campaigns\/\d+$/);

  await page.getByTestId("verification-overview-link").click();
  await expect(page.getByTestId("verification-school-year")).toHaveText("2021学年（同比基期：2020学年）");
  await expect(page.getByTestId("latest-snapshots").locator("tr[data-source=statistics] td[data-year='2021']")).toHaveText("尚未导入");
  const overview = page.url();

  await page.getByTestId("verification-link-snapshots").click();
  await page.getByTestId("import-open").click();
  const dialog = page.getByTestId("import-dialog");
  await dialog.getByTestId("snapshot-source").selectOption("statistics");
  await dialog.getByTestId("snapshot-year").selectOption("2021");
  await dialog.getByTestId("import-file").setInputFiles({ name: "事业统计.xlsx", mimeType: XLSX_TYPE, buffer: statistics("36130100") });
  await dialog.getByTestId("import-preview").click();
  await expect(dialog.getByTestId("import-errors")).toContainText("第 2 行 学校标识码：须为 10 位数字（文件中为「36130100」）");
  await expect(dialog.getByTestId("import-dropped-columns")).toContainText("备注");
  await expect(dialog.getByTestId("import-mapping")).toContainText("学校标识码 ← 「学校标识码」");
  await expect(dialog.getByTestId("import-commit")).toBeDisabled();

  await dialog.getByTestId("import-file").setInputFiles({ name: "事业统计.xlsx", mimeType: XLSX_TYPE, buffer: statistics("3613010002") });
  await dialog.getByTestId("import-preview").click();
  await expect(dialog.getByTestId("import-summary")).toContainText("新增 2 行");
  await dialog.getByTestId("import-commit").click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("snapshot-table").locator("tr[data-source=statistics][data-year='2021']");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("第 1 版");
  await expect(row).toContainText("事业统计.xlsx");

  // The same file again: nothing to import, and the dialog says which version it already is.
  await page.getByTestId("import-open").click();
  await dialog.getByTestId("snapshot-source").selectOption("statistics");
  await dialog.getByTestId("snapshot-year").selectOption("2021");
  await dialog.getByTestId("import-file").setInputFiles({ name: "事业统计（再次）.xlsx", mimeType: XLSX_TYPE, buffer: statistics("3613010002") });
  await dialog.getByTestId("import-preview").click();
  await expect(dialog.getByTestId("import-notice")).toContainText("导入为第 1 版，内容相同，再次导入不会有任何改变");
  await expect(dialog.getByTestId("import-commit")).toBeDisabled();
  // Another source chosen after the preview: the preview no longer applies.
  await dialog.getByTestId("snapshot-source").selectOption("teachers");
  await expect(dialog.getByTestId("import-stale")).toBeVisible();

  await page.goto(overview);
  await expect(page.getByTestId("latest-snapshots").locator("tr[data-source=statistics] td[data-year='2021']")).toContainText("第 1 版，2 所学校");
});
