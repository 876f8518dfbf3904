import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { createDb } from "@/db/index";
import { campaigns, emailOutbox, units, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { demoLogin } from "./support/demo";
import { login } from "./support/login";

// The global setup points DATABASE_URL at the seeded baosong_e2e database the server uses.
const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
test.afterAll(() => client.end());

const TANGSHAN_OFFICER = { email: "tangshan-officer@e2e.baosong.cn", password: "Tangshan@2025pass" };
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** 唐山's officer has no demo account: the province would invite one; here it is written straight to the database. */
async function createTangshanOfficer() {
  const [tangshan] = await db.select().from(units).where(eq(units.code, "1302"));
  await db
    .insert(users)
    .values({ email: TANGSHAN_OFFICER.email, name: "孙丽", role: "city_officer", unitId: tangshan.id, status: "active", passwordHash: await hashPassword(TANGSHAN_OFFICER.password) })
    .onConflictDoNothing();
}

test("the province publishes a new campaign to two cities, and both cities' officers see it in 我的任务", async ({ browser, page }) => {
  test.setTimeout(180_000);
  await createTangshanOfficer();
  const title = `关于报送职业院校信息化联络员的通知（${Date.now().toString(36)}）`;

  const admin = demoLogin("province_admin");
  await login(page, admin.email, admin.password);
  await page.goto("/admin/campaigns");
  await page.getByTestId("campaign-new").click();
  await expect(page.getByRole("heading", { name: "新建任务" })).toBeVisible();

  // Saving with nothing filled in says what is missing, next to each field.
  await page.getByTestId("campaign-save").click();
  await expect(page.getByTestId("title-error")).toHaveText("任务标题：请填写");

  await page.getByTestId("campaign-title").fill(title);
  await page.getByTestId("campaign-doc-number").fill(`冀教办函〔2025〕${Date.now() % 1000}号`);
  await page.getByTestId("campaign-body-input").fill("石家庄市、唐山市教育局：\n\n请于截止时间前报送本地职业院校信息化联络员信息。");
  await page.getByTestId("campaign-table-notes").fill("1. 请于截止时间前报送。\n\n2. 各单位联络员仅限一名。");
  await page.getByTestId("add-contact").click();
  const contact = page.getByTestId("contact-row");
  await contact.getByLabel("职责").fill("业务联系人");
  await contact.getByLabel("姓名").fill("孙志河");
  await contact.getByLabel("电话").fill("0311 6600 5705");
  await contact.getByLabel("邮箱").fill("724456068@qq.com");
  // The deadline is chosen as the portal writes it, 年 月 日 and a 24-hour time, in any browser language.
  const nextYear = new Date().getFullYear() + 1;
  await page.getByTestId("deadline-date-year").fill(String(nextYear));
  await page.getByTestId("deadline-date-month").selectOption("11");
  await page.getByTestId("deadline-date-day").selectOption("26");
  await page.getByTestId("deadline-time-hour").selectOption("17");
  await page.getByTestId("deadline-time-minute").selectOption("00");
  await page.getByLabel("石家庄市教育局", { exact: true }).check();
  await page.getByLabel("唐山市教育局", { exact: true }).check();
  await expect(page.getByTestId("unit-count")).toContainText("已选 2 个报送单位");
  await page.getByTestId("campaign-save").click();

  await expect(page).toHaveURL(/\/admin\/campaigns\/\d+$/);
  await expect(page.getByTestId("campaign-status")).toHaveText("草稿");
  const campaignId = Number(page.url().split("/").pop());
  const [saved] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  expect(saved.deadline.toISOString()).toBe(`${nextYear}-11-26T09:00:00.000Z`);
  expect(saved.contacts).toEqual([{ role: "业务联系人", name: "孙志河", phone: "0311-66005705", email: "724456068@qq.com" }]);
  expect(saved.tableNotes).toEqual(["请于截止时间前报送。", "各单位联络员仅限一名。"]);

  await expect(page.getByTestId("attachment-input-name")).toHaveText("未选择文件");
  await page.getByTestId("attachment-input").setInputFiles({ name: "附件.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByTestId("attachment-input-name")).toHaveText("附件.pdf");
  await page.getByTestId("attachment-upload").click();
  await expect(page.getByTestId("attachment-link")).toHaveText("附件.pdf");

  await page.getByTestId("campaign-publish").click();
  await page.getByTestId("confirm-action").click();
  await expect(page.getByTestId("campaign-status")).toHaveText("进行中");

  // The notice email is queued for each city's active officer.
  const queued = await db
    .select({ to: emailOutbox.toAddress })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.campaignId, campaignId), eq(emailOutbox.kind, "campaign_published")));
  expect(queued.map((q) => q.to).sort()).toEqual([demoLogin("city_officer").email, TANGSHAN_OFFICER.email].sort());

  for (const officer of [demoLogin("city_officer"), TANGSHAN_OFFICER]) {
    const context = await browser.newContext();
    const officerPage = await context.newPage();
    await login(officerPage, officer.email, officer.password);
    await expect(officerPage.getByRole("heading", { name: "我的任务" })).toBeVisible();
    const task = officerPage.getByTestId("task-title").filter({ hasText: title });
    await expect(task).toHaveCount(1);
    await task.click();
    await expect(officerPage.getByTestId("campaign-body")).toContainText("请于截止时间前报送");
    const href = await officerPage.getByTestId("attachment-link").getAttribute("href");
    const download = await officerPage.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    await context.close();
  }
});
