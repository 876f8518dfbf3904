import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { createDb } from "@/db/index";
import { submissions, units } from "@/db/schema";
import { demoLogin, seededTask } from "./support/demo";
import { expectNoSidewaysScroll, expectTableOnPage, PHONE } from "./support/layout";
import { login } from "./support/login";
import { addCityOfficer, submitTableAs } from "./support/tables";

// 衡水's officer fills on a phone; 沧州's table is submitted for the reviewer's phone. No other spec owns either.
const OFFICER = { email: "hengshui-phone@test.baosong.cn", password: "Phone@2021pass", name: "周敏" };

let cangzhouSubmissionId: number;

test.beforeAll(async () => {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    await addCityOfficer(db, "1311", OFFICER);
    const [cangzhou] = await db.select().from(units).where(eq(units.code, "1309"));
    // A worker restarted after a failed test runs this again, and finds the table submitted already.
    const [submitted] = await db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.unitId, cangzhou.id), eq(submissions.status, "submitted")));
    cangzhouSubmissionId =
      submitted?.id ??
      (
        await submitTableAs(db, {
          unitCode: "1309",
          filler: { email: "cangzhou-phone@test.baosong.cn", name: "吴刚" },
          fillerPhone: "0317-2020202",
          row: (i) => ({ name: `钱${"一二三四五六七八九十"[i % 10]}${"文武明清"[Math.floor(i / 10) % 4]}`, phone: `1370013${String(i).padStart(4, "0")}`, email: `cangzhou-admin${i}@example.com` }),
        })
      ).submissionId;
  } finally {
    await client.end();
  }
});

/** Saved under test-results/phone/ for a person to look at; nothing compares them. */
async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: fileURLToPath(new URL(`../../test-results/phone/${name}.png`, import.meta.url)), fullPage: true });
}

/** Signs in at the desktop size (the sign-in helper waits for the header's user line), then turns into a phone. */
async function loginOnPhone(page: Page, email: string, password: string) {
  await login(page, email, password);
  await page.setViewportSize(PHONE);
}

test("on a phone the navigation is a drawer, the table is one card per unit, and no page scrolls sideways", async ({ page }) => {
  test.setTimeout(120_000);
  await loginOnPhone(page, OFFICER.email, OFFICER.password);
  await page.goto("/");

  // Home: the side navigation gives way to 「菜单」, which opens a drawer that Esc closes, focus going back to 「菜单」.
  await expect(seededTask(page)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await expect(seededTask(page).getByTestId("open-submission")).toBeInViewport({ ratio: 1 });
  await expectNoSidewaysScroll(page);
  await screenshot(page, "home");
  const menu = page.getByTestId("nav-menu");
  const drawer = page.getByTestId("nav-drawer");
  await menu.click();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("link", { name: "报送进度" })).toBeVisible();
  await expect(drawer.locator(":focus")).toHaveCount(1);
  await expectNoSidewaysScroll(page);
  await screenshot(page, "drawer");
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();

  // The table: one card per unit, with its name, its state and 「填写」, and no header row.
  await seededTask(page).getByTestId("open-submission").click();
  await expect(page.getByTestId("roster-table")).toBeVisible();
  await expect(page.getByTestId("roster-table").locator("thead")).toBeHidden();
  const card = page.getByTestId("roster-row").first();
  const name = (await card.getAttribute("data-unit"))!;
  await expect(card.getByText(name, { exact: true })).toBeVisible();
  await expect(card.getByTestId("row-state")).toHaveText("未填");
  await expect(card.getByTestId("row-edit")).toHaveText("填写");
  await expect(card.getByTestId("contact-phone")).toHaveCount(0);
  const box = (await card.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await expectNoSidewaysScroll(page);
  await screenshot(page, "table");

  // 「填写」 opens the row editor under its card; a save marks the card 已填. (A phone and email no other spec writes: a
  // duplicate in the shared e2e table would flag the row 有问题.)
  await card.getByTestId("row-edit").click();
  const editor = page.getByTestId("row-editor");
  await expect(editor).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screenshot(page, "row-editor");
  await editor.getByTestId("row-name").fill("周敏");
  await editor.getByTestId("row-position").fill("科长");
  await editor.getByTestId("row-phone").fill("15931100011");
  await editor.getByTestId("row-email").fill("zhoumin@example.com");
  await editor.getByTestId("row-save").click();
  await expect(page.getByTestId("roster-row").filter({ has: page.getByText(name, { exact: true }) }).getByTestId("row-state")).toHaveText("已填");
  await expectNoSidewaysScroll(page);

  // A link in the drawer leads to its page and closes the drawer (once the save's toast, over the menu button, is gone).
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await menu.click();
  await drawer.getByRole("link", { name: "报送进度" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(drawer).toBeHidden();
});

test("the reviewer's table lies on the page on a wide screen, and neither it nor the dashboard scrolls sideways on a phone", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = demoLogin("province_admin");
  await login(page, admin.email, admin.password);

  await page.goto(`/review/${cangzhouSubmissionId}`);
  // A short window, so that 沧州's table is taller than it.
  await page.setViewportSize({ width: 1280, height: 480 });
  await expectTableOnPage(page, "review-table");

  await page.setViewportSize(PHONE);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSidewaysScroll(page);
  await screenshot(page, "review");

  await page.goto("/dashboard");
  await expect(page.getByTestId("completion-bar").first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screenshot(page, "dashboard");
});
