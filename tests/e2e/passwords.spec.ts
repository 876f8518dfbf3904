import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { createDb } from "@/db/index";
import { units, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { login } from "./support/login";

// The global setup points DATABASE_URL at the seeded e2e database the server uses.
const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
test.afterAll(() => client.end());

const REVIEWER = { email: "aged-reviewer@e2e.baosong.cn", password: "Rv7#kQ2!mZp9", next: "Nw4$hT8@cLx3" };

/** A provincial reviewer whose password was last changed 100 days ago. */
async function createAgedReviewer() {
  const [province] = await db.select().from(units).where(eq(units.code, "13"));
  await db
    .insert(users)
    .values({
      email: REVIEWER.email,
      name: "周涛",
      role: "province_reviewer",
      unitId: province.id,
      status: "active",
      passwordHash: await hashPassword(REVIEWER.password),
      passwordChangedAt: new Date(Date.now() - 100 * 24 * 60 * 60 * 1000),
    })
    .onConflictDoNothing();
}

test("a privileged account whose password has aged out must change it before anything else", async ({ page }) => {
  await createAgedReviewer();
  await login(page, REVIEWER.email, REVIEWER.password);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByTestId("password-expired")).toContainText("90 天");

  // Every other page leads back to the gate.
  await page.goto("/review");
  await expect(page).toHaveURL(/\/account\/password$/);

  // The server's rules answer next to the field; nothing changes.
  await page.getByTestId("change-password-current").fill(REVIEWER.password);
  await page.getByTestId("change-password-password").fill("Hebei@2021pw");
  await page.getByTestId("change-password-confirm").fill("Hebei@2021pw");
  await page.getByTestId("change-password-submit").click();
  await expect(page.getByText("密码不能包含省份、「教育厅」、邮箱名或单位名称（含拼音），请换一个")).toBeVisible();

  await page.getByTestId("change-password-password").fill(REVIEWER.next);
  await page.getByTestId("change-password-confirm").fill(REVIEWER.next);
  await page.getByTestId("change-password-submit").click();
  await expect(page.getByTestId("password-changed")).toHaveText("密码已修改，请使用新密码登录。");

  await login(page, REVIEWER.email, REVIEWER.next);
  await page.goto("/review");
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByTestId("change-password-link")).toBeVisible();
});
