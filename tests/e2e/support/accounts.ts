import { type Browser, expect, type Page } from "@playwright/test";
import { and, desc, eq } from "drizzle-orm";
import { createDb } from "@/db/index";
import { emailOutbox } from "@/db/schema";
import { demoLogin } from "./demo";
import { acceptNoticeIfAsked, login } from "./login";

/** A page of its own browser context, signed in. */
export async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email, password);
  return page;
}

/** The newest activation link sent to `to`, as the demo's 「邮件」 shows it to the province admin (its holder cannot sign in yet). */
export async function activationLink(browser: Browser, to: string): Promise<string> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  let emailId: number;
  try {
    [{ id: emailId }] = await db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, "activation")))
      .orderBy(desc(emailOutbox.id))
      .limit(1);
  } finally {
    await client.end();
  }
  const admin = demoLogin("province_admin");
  const page = await signedIn(browser, admin.email, admin.password);
  await page.goto(`/mail/${emailId}`);
  await expect(page.getByTestId("demo-banner")).toContainText("演示环境");
  const link = await page.getByTestId("message-text").getByRole("link").getAttribute("href");
  await page.context().close();
  if (!link || !/\/activate\?token=[\w-]+$/.test(link)) throw new Error(`no activation link in the email: ${link}`);
  return link;
}

/** Follows the emailed activation link, sets `password` and lands signed in (the privacy notice accepted). */
export async function activate(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(await activationLink(browser, email));
  await expect(page.getByTestId("set-password-login")).toHaveText(email);
  await page.getByTestId("set-password-password").fill(password);
  await page.getByTestId("set-password-confirm").fill(password);
  await page.getByTestId("set-password-submit").click();
  await expect(page).not.toHaveURL(/\/activate/);
  await acceptNoticeIfAsked(page);
  return page;
}
