import { expect, type Page, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { createDb } from "@/db/index";
import { units, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { demoLogin } from "./support/demo";
import { acceptNoticeIfAsked, freshCode, login, readEnrolmentSecret } from "./support/login";

// The global setup points DATABASE_URL at the seeded e2e database the server uses.
const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
test.afterAll(() => client.end());

const PASSWORD = "Rv7#kQ2!mZp9";

/** A provincial reviewer who has never signed in, so has no second factor yet. */
async function createReviewer(email: string) {
  const [province] = await db.select().from(units).where(eq(units.code, "13"));
  await db
    .insert(users)
    .values({ email, name: "冯涛", role: "province_reviewer", unitId: province.id, status: "active", passwordHash: await hashPassword(PASSWORD), passwordChangedAt: new Date() })
    .onConflictDoNothing();
}

async function signInWithPassword(page: Page, email: string) {
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
}

/** Waits for the server to end the session: the login page would otherwise send a signed-in person on. */
async function logout(page: Page) {
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);
}

/** A code the authenticator would show ten minutes from now: never accepted. */
const wrongCode = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + 10 * 60_000 });

test("a privileged account enrols on first sign-in, then gives a code or a recovery code after its password; nothing else opens before", async ({ page }) => {
  test.setTimeout(120_000);
  const email = "mfa-reviewer@e2e.baosong.cn";
  await createReviewer(email);
  await signInWithPassword(page, email);
  await expect(page).toHaveURL(/\/account\/second-factor\/enrol$/);
  await expect(page.getByRole("heading", { name: "两步验证" })).toBeVisible();
  await expect(page).toHaveTitle(/两步验证/);
  await expect(page.getByTestId("second-factor-qr")).toHaveAttribute("src", /^data:image\/png;base64,/);

  // Every other page leads back to the gate.
  await page.goto("/review");
  await expect(page).toHaveURL(/\/account\/second-factor\/enrol$/);

  const secret = await readEnrolmentSecret(page, email);
  await page.getByTestId("second-factor-code").fill(wrongCode(secret));
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("code-error")).toContainText("验证码不正确");

  await page.getByTestId("second-factor-code").fill(await freshCode(email));
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("second-factor-recovery-code")).toHaveCount(10);
  const codes = await page.getByTestId("second-factor-recovery-code").allInnerTexts();
  await page.getByTestId("second-factor-continue").click();
  await acceptNoticeIfAsked(page);
  await expect(page.getByTestId("header-user")).toContainText("冯涛");

  // Next time: the password, then the code page, which again holds every other page.
  await logout(page);
  await signInWithPassword(page, email);
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  await page.goto("/review");
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  await page.getByTestId("second-factor-code").fill(codes[0]);
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("header-user")).toBeVisible();

  // A recovery code works once; the authenticator goes on working.
  await logout(page);
  await signInWithPassword(page, email);
  await page.getByTestId("second-factor-code").fill(codes[0]);
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("code-error")).toContainText("恢复码不正确或已使用过");
  await page.getByTestId("second-factor-code").fill(await freshCode(email));
  await page.getByTestId("second-factor-submit").click();
  // The portal opens once the code is accepted; only then is the review page reachable.
  await expect(page.getByTestId("header-user")).toBeVisible();
  await page.goto("/review");
  await expect(page).toHaveURL(/\/review$/);
});

test("five wrong codes end the session", async ({ page }) => {
  const email = "mfa-guessed@e2e.baosong.cn";
  await createReviewer(email);
  await login(page, email, PASSWORD);
  await logout(page);

  await signInWithPassword(page, email);
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByTestId("second-factor-code").fill(String(100000 + attempt));
    await page.getByTestId("second-factor-submit").click();
    await expect(page.getByTestId("code-error")).toContainText(`还可尝试 ${5 - attempt} 次`);
  }
  await page.getByTestId("second-factor-code").fill("100005");
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("second-factor-error")).toHaveText("验证码已连续输错 5 次，本次登录已结束。请重新登录。");
  await page.goto("/review");
  await expect(page).toHaveURL(/\/login/);
});

test("the security administrator resets a lost second factor and the account enrols again; the province administrator cannot give a privileged role", async ({ page }) => {
  test.setTimeout(120_000);
  const email = "mfa-lost-phone@e2e.baosong.cn";
  await createReviewer(email);
  await login(page, email, PASSWORD);
  await logout(page);

  const admin = demoLogin("province_admin");
  await login(page, admin.email, admin.password);
  await page.goto("/admin/users/invite");
  const offered = await page.getByTestId("user-role").locator("option").allInnerTexts();
  expect(offered).toEqual(["市级填报员", "县级填报员", "学校填报员"]);
  await page.goto("/admin/users?q=mfa-lost-phone");
  await page.getByTestId("user-row").getByRole("link").click();
  await expect(page.getByTestId("user-outside-remit")).toContainText("只能由安全管理员开设和修改");
  await expect(page.getByTestId("user-reset-second-factor")).toHaveCount(0);
  await logout(page);

  const security = demoLogin("security_admin");
  await login(page, security.email, security.password);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.goto("/admin/users?q=mfa-lost-phone");
  await page.getByTestId("user-row").getByRole("link").click();
  await expect(page.getByTestId("user-second-factor")).toContainText("已设置");
  await page.getByTestId("user-reset-second-factor").click();
  await page.getByTestId("confirm-action").click();
  await expect(page.getByTestId("user-second-factor")).toHaveText("未设置（下次登录时设置）");
  // The security administrator reads no reporting data.
  expect((await page.goto("/review"))?.status()).toBe(404);
  await page.goto("/admin/users");
  await logout(page);

  await signInWithPassword(page, email);
  await expect(page).toHaveURL(/\/account\/second-factor\/enrol$/);
});
