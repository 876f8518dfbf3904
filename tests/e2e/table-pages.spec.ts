import { expect, test } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { createDb } from "@/db/index";
import { units } from "@/db/schema";
import { seededTask } from "./support/demo";
import { expectNoSidewaysScroll, expectTableOnPage, PHONE } from "./support/layout";
import { login } from "./support/login";
import { addCityOfficer } from "./support/tables";

// 邢台's officer and 250 more schools of 邢台, added here: other specs own the tables of 石家庄, 唐山 and 邯郸.
const OFFICER = { email: "xingtai-pages@test.baosong.cn", password: "Pages@2021pass", name: "孙丽" };
const EXTRA_SCHOOLS = 250;
const TARGET = "邢台分页示例学校240";

test.beforeAll(async () => {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const [xingtai] = await db.select().from(units).where(eq(units.code, "1305"));
    await addCityOfficer(db, "1305", OFFICER);
    await db.execute(sql`
      insert into units (code, name, kind, reporting_parent_id, school_code, sort_order)
      select '3613' || lpad(i::text, 6, '0'), '邢台分页示例学校' || (i - 700000), 'school', ${xingtai.id}, '3613' || lpad(i::text, 6, '0'), 1000 + i
      from generate_series(700001, ${700000 + EXTRA_SCHOOLS}) i
      on conflict do nothing`);
  } finally {
    await client.end();
  }
});

test("a long table shows its first page, finds a unit on a later page, and a save updates its row in place", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, OFFICER.email, OFFICER.password);
  await seededTask(page).getByTestId("open-submission").click();
  await expect(page.getByTestId("roster-table")).toBeVisible();
  await expect(page.getByTestId("roster-row")).toHaveCount(100);
  await expectTableOnPage(page, "roster-table");
  const total = Number((await page.getByTestId("progress").innerText()).match(/\/ (\d+)/)![1]);
  expect(total).toBeGreaterThan(EXTRA_SCHOOLS);
  const pages = Math.ceil(total / 100);
  await expect(page.getByTestId("page-current")).toHaveText(`第 1 / ${pages} 页`);
  await expect(page.getByTestId("roster-row").getByText(TARGET, { exact: true })).toHaveCount(0);
  const tablePath = new URL(page.url()).pathname;

  // Moving through the pages keeps the page loaded: a mark left in the window survives.
  await page.evaluate(() => Object.assign(window, { pageMark: "kept" }));
  await page.getByTestId("page-next").click();
  await expect(page.getByTestId("page-current")).toHaveText(`第 2 / ${pages} 页`);
  await expect(page.getByTestId("roster-row").first().locator("td").first()).toHaveText("101");

  // The search is a labelled box; Enter finds the unit, wherever its page is.
  await page.getByLabel("查找", { exact: true }).fill(TARGET);
  await page.getByLabel("查找", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId("roster-row")).toHaveCount(1);
  const row = page.getByTestId("roster-row").first();
  await expect(row).toHaveAttribute("data-unit", TARGET);
  await expect(page.getByTestId("table-matched")).toHaveText(`找到 1 行（共 ${total} 行）`);
  expect(await page.evaluate(() => (window as unknown as { pageMark?: string }).pageMark)).toBe("kept");

  // A save shows the stored row, the count and the timeline at once, without loading the page again.
  await row.getByTestId("row-edit").click();
  const editor = page.getByTestId("row-editor");
  await editor.getByTestId("row-name").fill("孙 丽");
  await editor.getByTestId("row-position").fill("教务处主任");
  await editor.getByTestId("row-phone").fill("139 0013 9000");
  await editor.getByTestId("row-email").fill("SunLi@Example.com");
  await editor.getByTestId("row-email").press("Enter");
  await expect(row).toContainText("孙丽");
  await expect(row).toContainText("13900139000");
  await expect(row).toContainText("sunli@example.com");
  await expect(page.getByTestId("progress")).toHaveText(`已填 1 / ${total}`);
  await expect(page.getByTestId("timeline").locator("li").first()).toContainText(`${OFFICER.name} 保存了一行：${TARGET}`);
  expect(await page.evaluate(() => (window as unknown as { pageMark?: string }).pageMark)).toBe("kept");

  // The row now carries its new version: a second edit goes through instead of being taken for someone else's.
  await row.getByTestId("row-edit").click();
  await editor.getByTestId("row-position").fill("副校长");
  await editor.getByTestId("row-position").press("Enter");
  await expect(row).toContainText("副校长");
  await expect(page.getByTestId("row-form-error")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pageMark?: string }).pageMark)).toBe("kept");

  // The view is in the URL: a reload shows the same row, as stored.
  await page.reload();
  await expect(page.getByTestId("roster-row")).toHaveCount(1);
  await expect(page.getByTestId("roster-row").first()).toContainText("副校长");
  await expect(page.getByLabel("查找", { exact: true })).toHaveValue(TARGET);

  // The filter by state: the one filled row, and the rest.
  await page.getByTestId("table-state-filled").click();
  await expect(page).toHaveURL(/[?&]state=filled/);
  await expect(page.getByTestId("roster-row")).toHaveCount(1);
  await page.goto(`${tablePath}?state=empty`);
  await expect(page.getByTestId("table-state-empty")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("table-matched")).toHaveText(`找到 ${total - 1} 行（共 ${total} 行）`);

  // On a phone the search, the filter and the pager fit the screen: the page does not scroll sideways.
  await page.setViewportSize(PHONE);
  await expect(page.getByTestId("table-search")).toBeVisible();
  await expectNoSidewaysScroll(page);

  // The print view for stamping still has every row.
  await page.goto(`${tablePath}/print`);
  await expect(page.getByTestId("print-sheet").locator("tbody tr")).toHaveCount(total);
  await expect(page.getByTestId("print-sheet")).toContainText("副校长");
  // Under it, the campaign's 填表说明, numbered.
  await expect(page.getByTestId("print-notes").locator("li")).toHaveCount(3);
  await expect(page.getByTestId("print-notes").locator("li").nth(1)).toHaveText("2. 各单位系统管理员仅限一名，建议选择熟悉教育教学业务并有计算机技术基础的人员担任。");
});
