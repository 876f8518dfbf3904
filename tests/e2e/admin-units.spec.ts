import { expect, test } from "@playwright/test";
import { xlsxFrom } from "../unit/xlsx-fixtures";
import { demoLogin } from "./support/demo";
import { login } from "./support/login";

// Leaves the shared e2e database as it found it, apart from one invited account and audit rows.

test("the province administrator searches the tree, is refused a cycle, adds and deletes a school, and previews an import", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = demoLogin("province_admin");
  await login(page, admin.email, admin.password);

  // The tree opens on the city level; a city's counties load when it is opened.
  await page.goto("/admin/units");
  await expect(page.locator('[data-testid="unit-row"][data-unit="石家庄市教育局"]')).toBeVisible();
  await expect(page.locator('[data-testid="unit-row"][data-unit="长安区教育局"]')).toHaveCount(0);
  await page.getByRole("button", { name: "展开石家庄市教育局" }).click();
  await expect(page.locator('[data-testid="unit-row"][data-unit="长安区教育局"]')).toBeVisible();

  await page.getByTestId("search-q").fill("长安");
  await page.getByTestId("search-q").press("Enter");
  await expect(page.getByTestId("unit-search-count")).toContainText("找到 2 个单位");
  await expect(page.getByTestId("unit-hit")).toHaveCount(2);
  await expect(page.getByTestId("unit-hit-path").first()).toHaveText("河北省教育厅 / 石家庄市教育局");

  // 石家庄 under its own county: refused next to the field.
  await page.getByTestId("unit-hit-path").first().getByRole("link", { name: "石家庄市教育局" }).click();
  await expect(page.getByRole("heading", { name: "石家庄市教育局" })).toBeVisible();
  await page.getByTestId("move-parent").selectOption({ label: "\u3000\u3000长安区教育局" });
  await page.getByTestId("move-save").click();
  await expect(page.getByTestId("move-parent-error")).toContainText("形成循环");

  // A school added under 长安区 by mistake, then deleted.
  await page.getByTestId("unit-children").getByRole("link", { name: "长安区教育局" }).click();
  // 石家庄's page has an 「添加下级」 too: wait for the county's before clicking it.
  await expect(page.getByRole("heading", { name: "长安区教育局" })).toBeVisible();
  await page.getByTestId("unit-add-child").click();
  await page.getByTestId("unit-kind").selectOption("school");
  await page.getByTestId("unit-name").fill("长安区示例录错学校");
  await page.getByTestId("unit-code").fill("3613019876");
  await page.getByTestId("unit-save").click();
  await expect(page.getByRole("heading", { name: "长安区示例录错学校" })).toBeVisible();
  await expect(page.getByTestId("unit-parent-name")).toHaveText("长安区教育局");
  await page.getByTestId("unit-delete").click();
  await page.getByTestId("confirm-action").click();
  await expect(page.getByRole("heading", { name: "长安区教育局" })).toBeVisible();
  await expect(page.getByTestId("unit-children")).not.toContainText("长安区示例录错学校");

  // An import with a code used twice: the preview names the rows, and nothing can be committed.
  const xlsx = xlsxFrom([
    {
      name: "学校名单",
      rows: [
        ["学校名称", "学校标识码", "所在县区代码", "隶属单位", "是否省属"],
        ["长安区示例新学校", "3613019877", "130102", "长安区教育局", "否"],
        ["长安区示例重复学校", "3613019877", "130102", "长安区教育局", "否"],
      ],
    },
  ]);
  await page.goto("/admin/units/import");
  await page.getByTestId("import-open").click();
  await page.getByTestId("import-file").setInputFiles({ name: "学校名单.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: xlsx });
  await page.getByTestId("import-preview").click();
  await expect(page.getByTestId("import-errors")).toContainText("2 行有错误");
  await expect(page.locator('[data-testid="import-row"][data-status="error"]')).toHaveCount(2);
  await expect(page.getByTestId("import-table")).toContainText("在第 2、3 行重复出现");
  await expect(page.getByTestId("import-commit")).toBeDisabled();
});

test("an invitation makes an account waiting for activation, a second one to the same email is refused, and the auditor finds it in the log", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = demoLogin("province_admin");
  await login(page, admin.email, admin.password);

  const invite = async () => {
    await page.goto("/admin/users/invite");
    await page.getByTestId("user-email").fill("E2E.Invite@Example.com");
    await page.getByTestId("user-name").fill("王芳");
    await page.getByTestId("user-unit").selectOption({ label: "\u3000石家庄市教育局" });
    await page.getByTestId("user-role").selectOption("city_officer");
    await page.getByTestId("user-save").click();
  };
  await invite();
  await expect(page.getByTestId("user-email-value")).toHaveText("e2e.invite@example.com");
  await expect(page.getByTestId("user-status")).toHaveText("待激活");
  await invite();
  await expect(page.getByTestId("email-error")).toContainText("已是「石家庄市教育局」王芳的登录账号");

  await page.goto("/admin/users?q=e2e.invite");
  await expect(page.getByTestId("user-row")).toHaveCount(1);

  await page.getByTestId("logout").click();
  // Signing in again before the sign-out has landed would find the old session still open.
  await expect(page).toHaveURL(/\/login/);
  const auditor = demoLogin("auditor");
  await login(page, auditor.email, auditor.password);
  await page.goto("/audit?action=user.invite");
  await expect(page.locator('[data-testid="audit-row"][data-action="user.invite"]').first()).toContainText("邀请用户");
  const download = await page.request.get((await page.getByTestId("audit-export").getAttribute("href")) as string);
  expect(download.headers()["content-type"]).toContain("spreadsheetml");

  // Not the auditor's pages, and not the administrator's for the auditor.
  expect((await page.goto("/admin/users"))?.status()).toBe(404);
});
