import { expect, type Page, test } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import { campaigns, emailOutbox, units } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER, DEMO_PASSWORD } from "@/db/seed";
import { activate, signedIn } from "./support/accounts";
import { withDb } from "./support/db";
import { demoLogin, seededTask } from "./support/demo";
import { addCityOfficer, saveRowsAs } from "./support/tables";

// 三级联动 on 承德's table, which no other browser test touches: the city hands 承德县 its own row and its school's,
// the county's new account fills both and hands them in, the city confirms one and returns the other, the county fixes
// it, the city confirms, stamps and submits, and the province approves.
const CHENGDE = "1308";
const COUNTY = "130821";
const COUNTY_NAME = "承德县教育局";
const SCHOOL_NAME = "承德县示例职业技术教育中心";
const OFFICER = { email: "chengde-e2e@test.baosong.cn", password: DEMO_PASSWORD, name: "高文静" };
const DELEGATE = { name: "冯国强", phone: "13931400021", email: "chengdexian-e2e@test.baosong.cn", password: "Fill#Rows2021ok" };
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

test.beforeAll(() => withDb((db) => addCityOfficer(db, CHENGDE, OFFICER)));

/** A row of the table page, by its unit's name. */
const rowOf = (page: Page, unitName: string) => page.locator(`[data-testid="roster-row"][data-unit="${unitName}"]`);

/** Fills the open row editor and saves it with Enter (the editor then moves on to the next empty row). */
async function fillEditor(page: Page, row: { name: string; phone: string; email: string }) {
  const editor = page.getByTestId("row-editor");
  await editor.getByTestId("row-name").fill(row.name);
  await editor.getByTestId("row-position").fill("信息中心主任");
  await editor.getByTestId("row-phone").fill(row.phone);
  await editor.getByTestId("row-email").fill(row.email);
  await editor.getByTestId("row-email").press("Enter");
}

test("the city delegates, the county fills and hands in, the city confirms one row and returns the other, then submits, and the province approves", async ({ browser }) => {
  test.setTimeout(300_000);

  // The city hands 承德县 its row and its school's, by the default internal deadline, and opens the county an account.
  const city = await signedIn(browser, OFFICER.email, OFFICER.password);
  await seededTask(city).getByTestId("open-submission").click();
  const panel = city.getByTestId("delegation-panel");
  // The schools' names are not on the page: opening the county, or a search, loads them.
  const countyGroup = panel.locator(`[data-testid="assign-group"][data-county="${COUNTY_NAME}"]`);
  await expect(countyGroup.locator(`[data-testid="assign-unit"][data-unit="${SCHOOL_NAME}"]`)).toHaveCount(0);
  await countyGroup.getByTestId("assign-group-toggle").click();
  await expect(countyGroup.locator(`[data-testid="assign-unit"][data-unit="${SCHOOL_NAME}"]`)).toBeVisible();
  await countyGroup.getByTestId("assign-group-toggle").click();
  await panel.getByTestId("assign-search").fill("示例职业技术教育");
  await expect(panel.locator(`[data-testid="assign-unit"][data-unit="${SCHOOL_NAME}"]`)).toBeVisible();
  await panel.getByTestId("assign-search").fill("");
  await panel.locator(`[data-testid="assign-unit"][data-unit="${COUNTY_NAME}"]`).getByRole("checkbox").check();
  await panel.getByTestId("assign-collect").check();
  await panel.getByTestId("assign-submit").click();
  const delegateRow = panel.locator(`[data-testid="delegate-row"][data-unit="${COUNTY_NAME}"]`);
  await expect(delegateRow.getByTestId("delegate-account")).toHaveText("未开通");
  await expect(rowOf(city, SCHOOL_NAME).getByTestId("row-delegation-state")).toHaveText("待下级填写");
  await delegateRow.getByTestId("delegate-invite").click();
  const invite = city.getByTestId("invite-dialog");
  await invite.getByTestId("invite-name").fill(DELEGATE.name);
  await invite.getByTestId("invite-phone").fill("1393140002");
  await invite.getByTestId("invite-email").fill(DELEGATE.email);
  await invite.getByTestId("invite-submit").click();
  await expect(invite.getByText(/联系电话：/)).toBeVisible();
  await invite.getByTestId("invite-phone").fill(DELEGATE.phone);
  await invite.getByTestId("invite-submit").click();
  await expect(delegateRow.getByTestId("delegate-account")).toHaveText("待激活");

  // The county's filler follows the activation link; 我的任务 shows the city's task with the internal deadline.
  const county = await activate(browser, DELEGATE.email, DELEGATE.password);
  await county.goto("/");
  const task = county.getByTestId("delegated-task");
  await expect(task.getByTestId("internal-deadline")).toContainText("承德市教育局");
  await expect(task.getByTestId("delegation-state")).toHaveText("待填写（已填 0 / 2 行）");
  await task.getByTestId("open-submission").click();
  await expect(county.getByTestId("delegate-notice")).toContainText("分派您填写以下 2 个单位");
  await expect(county.getByTestId("roster-row")).toHaveCount(2);
  await expect(county.getByTestId("filler-name")).toHaveCount(0);
  // Collecting its schools, the county could hand the school its own row; here it fills it itself.
  await expect(county.getByTestId("school-delegation")).toBeVisible();
  await expect(county.getByTestId("hand-in")).toBeDisabled();
  await rowOf(county, COUNTY_NAME).getByTestId("row-edit").click();
  await fillEditor(county, { name: DELEGATE.name, phone: DELEGATE.phone, email: DELEGATE.email });
  // The editor moves on to the school's row once the save has landed: typing before would go to the saved row.
  await expect(rowOf(county, COUNTY_NAME)).toContainText(DELEGATE.name);
  await fillEditor(county, { name: "褚红梅", phone: "13931400022", email: "chumei@example.com" });
  await expect(rowOf(county, SCHOOL_NAME)).toContainText("褚红梅");
  await county.getByTestId("hand-in").click();
  await county.getByTestId("confirm-action").click();
  await expect(county.getByTestId("hand-in-bar").getByTestId("delegation-state")).toContainText("已提交给市级");
  await expect(county.getByTestId("row-edit")).toHaveCount(0);

  // The city confirms the county's own row and returns the school's with a reason.
  await city.reload();
  await expect(rowOf(city, SCHOOL_NAME).getByTestId("row-delegation-state")).toHaveText("下级已提交");
  await rowOf(city, COUNTY_NAME).getByTestId("row-confirm").click();
  await expect(rowOf(city, COUNTY_NAME).getByTestId("row-delegation-state")).toHaveText("已确认");
  await rowOf(city, SCHOOL_NAME).getByTestId("row-return").click();
  const dialog = city.getByTestId("row-return-dialog");
  await dialog.getByTestId("row-return-submit").click();
  await expect(dialog.getByTestId("row-return-reason-error")).toBeVisible();
  await dialog.getByTestId("row-return-reason").fill("学校管理员应为学校在编人员，请核对");
  await dialog.getByTestId("row-return-submit").click();
  await expect(rowOf(city, SCHOOL_NAME).getByTestId("row-delegation-state")).toHaveText("已退回下级");
  await expect(rowOf(city, SCHOOL_NAME).getByTestId("row-delegation-note")).toContainText("学校管理员应为学校在编人员");

  // The county is emailed, sees the reason, fixes the school's row and hands it in again.
  const returned = await withDb((db) => db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, DELEGATE.email), eq(emailOutbox.kind, "delegation_returned"))));
  expect(returned).toHaveLength(1);
  expect(returned[0].text).toContain("学校管理员应为学校在编人员");
  await county.reload();
  await expect(county.getByTestId("returned-rows")).toContainText("学校管理员应为学校在编人员");
  await expect(rowOf(county, COUNTY_NAME).getByTestId("row-edit")).toHaveCount(0);
  await rowOf(county, SCHOOL_NAME).getByTestId("row-edit").click();
  await county.getByTestId("row-editor").getByTestId("row-name").fill("卫东升");
  await county.getByTestId("row-editor").getByTestId("row-save").click();
  await expect(rowOf(county, SCHOOL_NAME)).toContainText("卫东升");
  await county.getByTestId("hand-in").click();
  await county.getByTestId("confirm-action").click();
  await expect(county.getByTestId("hand-in-bar").getByTestId("delegation-state")).toContainText("已提交给市级");

  // The city's own rows are filled; 「提交」 names the unconfirmed school until the city confirms it.
  await withDb((db) =>
    saveRowsAs(db, {
      email: OFFICER.email,
      unitCode: CHENGDE,
      except: sql`${units.id} in (select u.id from units u join units c on c.code = ${COUNTY} where u.id = c.id or u.reporting_parent_id = c.id)`,
      row: (i) => ({ name: `韩${"一二三四五六七八九十"[i % 10]}民`, phone: `0314-20${String(i).padStart(5, "0")}`, email: `chengde-admin${i}@example.com` }),
    }),
  );
  await city.reload();
  await city.getByTestId("filler-name").fill(OFFICER.name);
  await city.getByTestId("filler-phone").fill("0314-2024562");
  await city.getByTestId("filler-save").click();
  await expect(city.getByTestId("submit-blocker-unconfirmed")).toContainText(SCHOOL_NAME);
  await city.getByTestId("confirm-all-submitted").click();
  await city.getByTestId("confirm-action").click();
  await expect(rowOf(city, SCHOOL_NAME).getByTestId("row-delegation-state")).toHaveText("已确认");
  await expect(city.getByTestId("submit-blocker-unconfirmed")).toHaveCount(0);
  await city.getByTestId("scan-input").setInputFiles({ name: "承德市盖章表.pdf", mimeType: "application/pdf", buffer: PDF });
  await city.getByTestId("scan-upload").click();
  await expect(city.getByTestId("scan-info")).toContainText("承德市盖章表.pdf");
  await city.getByTestId("submit").click();
  await city.getByTestId("confirm-action").click();
  await expect(city.getByTestId("frozen-notice")).toBeVisible();

  // The province sees who filled the school's row and who confirmed it, and approves.
  const reviewer = demoLogin("province_reviewer");
  const review = await signedIn(browser, reviewer.email, reviewer.password);
  // The seeded campaign's queue: other specs publish campaigns of their own.
  const [{ campaignId }] = await withDb((db) => db.select({ campaignId: campaigns.id }).from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER)));
  await review.goto(`/review?status=submitted&campaign=${campaignId}`);
  await review.getByTestId("queue-row").filter({ hasText: "承德市教育局" }).getByTestId("queue-open").click();
  const schoolRow = review.locator(`[data-testid="review-row"][data-unit="${SCHOOL_NAME}"]`);
  await expect(schoolRow.getByTestId("review-filled-by")).toContainText(DELEGATE.name);
  await expect(schoolRow.getByTestId("review-filled-by")).toContainText(COUNTY_NAME);
  await expect(schoolRow.getByTestId("review-confirmed-by")).toContainText(OFFICER.name);
  await review.getByTestId("review-open").click();
  await expect(review.getByTestId("review-open")).toHaveCount(0);
  await review.getByTestId("review-approve").click();
  await review.getByTestId("confirm-action").click();
  await expect(review.getByTestId("submission-status")).toHaveText("已通过");

  // The city's filler is told by email.
  expect(await withDb((db) => db.$count(emailOutbox, and(eq(emailOutbox.toAddress, OFFICER.email), eq(emailOutbox.kind, "submission_approved"))))).toBe(1);
});
