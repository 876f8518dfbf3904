import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { createDb } from "@/db/index";
import { campaigns } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER } from "@/db/seed";
import { demoLogin } from "./support/demo";
import { login } from "./support/login";

// Its only user is the demo school_staff account (陈晓梅), so a 「催报」 reaches exactly one person.
const SCHOOL = "河北省示例机电工程学校";
const SCHOOL_EMAIL = demoLogin("school_staff").email;

/** The seeded 2021 campaign: other specs may publish campaigns of their own. */
async function seededCampaignId(): Promise<number> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const [campaign] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER));
    return campaign.id;
  } finally {
    await client.end();
  }
}

test("the province dashboard shows a missing unit, 「催报」 queues a reminder, and the local mailbox shows it delivered", async ({ page }) => {
  test.setTimeout(90_000);
  const campaignId = await seededCampaignId();
  const admin = demoLogin("province_admin");
  await login(page, admin.email, admin.password);
  await page.goto(`/dashboard?campaign=${campaignId}`);

  await expect(page.getByTestId("countdown")).toBeVisible();
  await expect(page.getByTestId("completion-bar").filter({ hasText: "石家庄市教育局" })).toBeVisible();
  await expect(page.getByTestId("completion-bar").filter({ hasText: "省属学校及高职院校" })).toBeVisible();
  const missing = page.getByTestId("missing-list").locator(`[data-unit="${SCHOOL}"]`);
  await expect(missing).toBeVisible();
  await expect(missing.getByTestId("last-reminder")).toHaveText("—");

  await missing.getByTestId("urge").click();
  await expect(page.getByText(`已向「${SCHOOL}」发送催报提醒（1 人）`)).toBeVisible();
  // A second click within the hour is refused, saying when to try again.
  await missing.getByTestId("urge").click();
  await expect(page.getByText(/每个单位 1 小时内只能催报一次/)).toBeVisible();

  await page.goto("/mail");
  const mail = page.getByTestId("mail-row").filter({ hasText: SCHOOL_EMAIL }).filter({ hasText: "【催报】" });
  await expect(async () => {
    await page.reload();
    await expect(mail.getByTestId("delivery-status")).toHaveText("已发送", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(mail).toHaveCount(1);
  await mail.getByTestId("mail-subject").click();
  await expect(page.getByTestId("message-text")).toContainText("陈晓梅同志：");
  await expect(page.getByTestId("message-text")).toContainText(`河北省教育厅提醒：${SCHOOL}`);
  await expect(page.getByTestId("message-text").getByRole("link")).toHaveAttribute("href", /\/submissions\/\d+$/);

  // Delivered, the reminder is the unit's last one on the dashboard once its figures are counted again (「数据每 5 秒更新」).
  await page.goto(`/dashboard?campaign=${campaignId}`);
  await expect(page.getByTestId("dashboard-freshness")).toHaveText(/数据每 \d+ 秒更新/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("dashboard-table").locator(`[data-unit="${SCHOOL}"]`).getByTestId("last-reminder")).not.toHaveText("—", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});

test("a city officer sees its own counties and schools, not the other cities", async ({ page }) => {
  const campaignId = await seededCampaignId();
  const officer = demoLogin("city_officer");
  await login(page, officer.email, officer.password);
  await page.goto(`/dashboard?campaign=${campaignId}`);
  await expect(page.getByTestId("own-progress")).toBeVisible();
  const table = page.getByTestId("dashboard-table");
  await expect(table.locator('[data-unit="长安区教育局"]')).toBeVisible();
  await expect(table.locator('[data-unit="唐山市教育局"]')).toHaveCount(0);
  await expect(page.getByTestId("completion-bar").filter({ hasText: "长安区教育局" })).toBeVisible();
});
