import { expect, type Page } from "@playwright/test";

/** Signs in through the login form and waits until the app has moved on from /login. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
}
