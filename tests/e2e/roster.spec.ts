import { expect, type Route, test } from "@playwright/test";
import { ACTION_FAILED_MESSAGE } from "@/lib/core/errors";
import { demoLogin, seededTask } from "./support/demo";
import { login } from "./support/login";

// A 1×1 PNG: what a scanner or phone would hand back, as far as the byte check is concerned.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

test("a city officer fills the table, fixes an error, uploads the scan, submits, and the table is frozen", async ({ page }) => {
  test.setTimeout(180_000);
  const officer = demoLogin("city_officer");
  await login(page, officer.email, officer.password);
  await seededTask(page).getByTestId("open-submission").click();
  await expect(page.getByTestId("roster-table")).toBeVisible();
  const total = await page.getByTestId("roster-row").count();
  await expect(page.getByTestId("progress")).toHaveText(`已填 0 / ${total}`);
  await expect(page.getByTestId("submit")).toBeDisabled();
  await expect(page.getByTestId("submit-blockers")).toContainText("请上传盖章后的扫描件");
  // The print view of an incomplete table says it is a draft, so it is never stamped as the table.
  const printView = await page.context().newPage();
  await printView.goto((await page.getByTestId("print-link").getAttribute("href"))!);
  await expect(printView.getByTestId("print-draft")).toContainText("草稿（未填写完整）");

  // First row: a wrong phone number is explained next to the field, then fixed.
  await page.getByTestId("row-edit").first().click();
  const editor = page.getByTestId("row-editor");
  await editor.getByTestId("row-name").fill("张 建国");
  await editor.getByTestId("row-position").fill("科长");
  await editor.getByTestId("row-phone").fill("1380013800");
  await editor.getByTestId("row-email").fill("Zhang.JG@Example.com");
  await editor.getByTestId("row-save").click();
  await expect(editor.getByText(/联系电话：/)).toBeVisible();
  await editor.getByTestId("row-phone").fill("＋86 138 0013 8000");
  // A save that never reaches the server is told so beside the form, and what was typed stays for the next try.
  // Server actions are POSTs with a Next-Action header: dropped here as a lost connection would drop them.
  const dropActions = (route: Route) => (route.request().headers()["next-action"] ? route.abort("connectionreset") : route.fallback());
  await page.route("**/*", dropActions);
  await editor.getByTestId("row-save").click();
  await expect(editor.getByTestId("row-form-error")).toHaveText(ACTION_FAILED_MESSAGE);
  await expect(page.getByTestId("progress")).toHaveText(`已填 0 / ${total}`);
  await page.unroute("**/*", dropActions);
  await editor.getByTestId("row-phone").press("Enter");
  await expect(page.getByTestId("progress")).toHaveText(`已填 1 / ${total}`);
  const first = page.getByTestId("roster-row").first();
  await expect(first).toContainText("张建国");
  await expect(first).toContainText("13800138000");
  await expect(first).toContainText("zhang.jg@example.com");

  // Saving moves on to the next empty row, so the rest is typed straight through.
  for (let i = 2; i <= total; i++) {
    const row = page.getByTestId("row-editor");
    await expect(row).toBeVisible();
    await row.getByTestId("row-name").fill(`王${"一二三四五六七八九十"[i % 10]}明`);
    await row.getByTestId("row-position").fill("信息中心主任");
    await row.getByTestId("row-phone").fill(`0311-660057${String(i).padStart(2, "0")}`);
    await row.getByTestId("row-email").fill(`admin${i}@example.com`);
    await row.getByTestId("row-email").press("Enter");
    await expect(page.getByTestId("progress")).toHaveText(`已填 ${i} / ${total}`);
  }

  await page.getByTestId("filler-name").fill("刘海燕");
  await page.getByTestId("filler-phone").fill("0311 6600 5705");
  await page.getByTestId("filler-save").click();
  await expect(page.getByTestId("filler-phone")).toHaveValue("0311-66005705");
  await printView.reload();
  await expect(printView.getByTestId("print-sheet")).toContainText("刘海燕");
  await expect(printView.getByTestId("print-draft")).toHaveCount(0);
  await printView.close();

  await page.getByTestId("scan-input").setInputFiles({ name: "盖章扫描件.png", mimeType: "image/png", buffer: PNG });
  await page.getByTestId("scan-upload").click();
  await expect(page.getByTestId("scan-info")).toContainText("盖章扫描件.png");
  await expect(page.getByTestId("submit")).toBeEnabled();

  // A change after the upload outdates the scan: 「提交」 waits for a scan of the table as it is now.
  await page.getByTestId("row-edit").first().click();
  await page.getByTestId("row-editor").getByTestId("row-position").fill("副科长");
  await page.getByTestId("row-editor").getByTestId("row-save").click();
  await expect(page.getByTestId("roster-row").first()).toContainText("副科长");
  await expect(page.getByTestId("scan-state")).toHaveText("扫描件已过期：表格在上传后有修改，请重新打印盖章上传。");
  await expect(page.getByTestId("submit-blockers")).toContainText("扫描件已过期：表格在上传后有修改，请重新打印盖章上传");
  await expect(page.getByTestId("submit")).toBeDisabled();
  await page.getByTestId("scan-input").setInputFiles({ name: "盖章扫描件（新）.png", mimeType: "image/png", buffer: PNG });
  await page.getByTestId("scan-upload").click();
  await expect(page.getByTestId("scan-info")).toContainText("盖章扫描件（新）.png");
  await expect(page.getByTestId("scan-state")).toHaveCount(0);

  await expect(page.getByTestId("submit")).toBeEnabled();
  await page.getByTestId("submit").click();
  await page.getByTestId("confirm-action").click();
  await expect(page.getByTestId("frozen-notice")).toBeVisible();
  await expect(page.getByTestId("submission-status")).toHaveText("待审核");
  await expect(page.getByTestId("row-edit")).toHaveCount(0);
  await expect(page.getByTestId("filler-name")).toBeDisabled();
  await expect(page.getByTestId("timeline")).toContainText("提交");
});
