import { expect, test } from "@playwright/test";
import { demoLogin, seededTask } from "./support/demo";
import { login } from "./support/login";

test("a city officer logs in, sees 我的任务, and logging out ends the session", async ({ page }) => {
  const officer = demoLogin("city_officer");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);

  await login(page, officer.email, officer.password);
  await expect(page.getByRole("heading", { name: "我的任务" })).toBeVisible();
  await expect(page.getByTestId("header-user")).toContainText("石家庄市教育局");
  const task = seededTask(page);
  await expect(task).toBeVisible();
  await expect(task.getByTestId("countdown")).toContainText(/剩余/);

  const cookies = await page.context().cookies();
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);

  // The old cookie no longer opens anything: the session ended on the server.
  await page.context().addCookies(cookies);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "我的任务" })).toHaveCount(0);
  await expect(page).toHaveURL(/\/login/);
});

test("five wrong passwords lock the account: even the right one is then refused, with the same answer as a wrong one", async ({ page }) => {
  const officer = demoLogin("county_officer");
  await page.goto("/login");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByTestId("login-email").fill(officer.email);
    await page.getByTestId("login-password").fill(`wrong-${attempt}`);
    // Wait for this attempt's answer: the previous attempt's message stays on screen until it arrives.
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByTestId("login-submit").click()]);
    await expect(page.getByTestId("login-error")).toContainText("邮箱或密码不正确");
  }
  await page.getByTestId("login-email").fill(officer.email);
  await page.getByTestId("login-password").fill(officer.password);
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByTestId("login-submit").click()]);
  await expect(page.getByTestId("login-error")).toContainText("邮箱或密码不正确");
  await expect(page).toHaveURL(/\/login/);
});
