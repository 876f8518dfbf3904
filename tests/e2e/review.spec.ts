import { type Browser, expect, type Page, test } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import { createDb } from "@/db/index";
import { emailOutbox, units, users } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER, DEMO_PASSWORD } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password";
import { executeCommand } from "@/lib/core/command";
import { saveHeaderCommand, saveRowCommand, uploadScanCommand } from "@/lib/roster/commands";
import { submitCommand } from "@/lib/submissions/commands";
import { demoLogin, seededTask } from "./support/demo";
import { acceptNoticeIfAsked, login } from "./support/login";

// 辛集市: a table of three rows (its bureau and two schools) that no other browser test touches.
const XINJI = "130181";
const FILLER = { email: "xinji-e2e@test.baosong.cn", name: "马丽" };
const NEW_PASSWORD = "Xinji#2021ok";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** 辛集's filler account and its table, filled and submitted through the same commands the pages call. */
async function submitXinjiTable(): Promise<{ campaignId: number; schoolName: string; schoolAdmin: string }> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const [unit] = await db.select().from(units).where(eq(units.code, XINJI));
    const [user] = await db
      .insert(users)
      .values({ email: FILLER.email, name: FILLER.name, role: "city_officer", unitId: unit.id, status: "active", passwordHash: await hashPassword(DEMO_PASSWORD) })
      .returning();
    const actor = { userId: user.id, sessionId: "00000000-0000-4000-8000-000000000000", name: user.name, email: user.email, role: user.role, unitId: unit.id, unitName: unit.name, unitKind: unit.kind };
    const run = async (command: Parameters<typeof executeCommand>[0], input: unknown) => {
      const result = await executeCommand(command, input, { db, actor, ip: null, now: new Date() });
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.data as { version: number };
    };
    // The seeded campaign's submission: other specs may publish campaigns of their own.
    const [{ id: submissionId, campaign_id: campaignId }] = await db.execute<{ id: number; campaign_id: number }>(
      sql`select s.id, s.campaign_id from submissions s join campaigns c on c.id = s.campaign_id where s.unit_id = ${unit.id} and c.doc_number = ${CAMPAIGN_DOC_NUMBER}`,
    );
    const covered = await db.select().from(units).where(sql`${units.id} = ${unit.id} or ${units.reportingParentId} = ${unit.id}`).orderBy(units.id);
    for (const [i, u] of covered.entries()) {
      await run(saveRowCommand, { submissionId, unitId: u.id, expectedVersion: null, name: `赵${"一二三"[i]}平`, position: "信息中心主任", phone: `1390013900${i}`, email: `xinji-admin${i}@example.com`, schoolCode: u.schoolCode ?? "" });
    }
    const [{ version }] = await db.execute<{ version: number }>(sql`select version from submissions where id = ${submissionId}`);
    const header = await run(saveHeaderCommand, { submissionId, expectedVersion: version, fillerName: FILLER.name, fillerPhone: "0311-66005705" });
    const scan = await run(uploadScanCommand, { submissionId, expectedVersion: header.version, file: new File([new Uint8Array(PDF)], "盖章表.pdf", { type: "application/pdf" }) });
    await run(submitCommand, { submissionId, expectedVersion: scan.version });
    const schoolIndex = covered.findIndex((u) => u.kind === "school");
    return { campaignId: Number(campaignId), schoolName: covered[schoolIndex].name, schoolAdmin: `xinji-admin${schoolIndex}@example.com` };
  } finally {
    await client.end();
  }
}

/** The activation link as the demo's 「邮件」 shows it to the province admin (the new administrator cannot sign in yet). */
async function activationLink(browser: Browser, to: string): Promise<string> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  let emailId: number;
  try {
    [{ id: emailId }] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, "activation")));
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

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email, password);
  return page;
}

test("return with a row reason, fix and resubmit, approve, activate the emailed account and log in", async ({ browser }) => {
  test.setTimeout(180_000);
  const { campaignId, schoolName, schoolAdmin } = await submitXinjiTable();

  // The reviewer opens 辛集 from the queue and returns it with a reason on the school's row.
  const reviewer = demoLogin("province_reviewer");
  const review = await signedIn(browser, reviewer.email, reviewer.password);
  await review.goto(`/review?status=submitted&campaign=${campaignId}`);
  await review.getByTestId("queue-row").filter({ hasText: "辛集市教育局" }).getByTestId("queue-open").click();
  await review.getByTestId("review-open").click();
  await review.getByTestId("review-return").click();
  await review.getByTestId("review-row").filter({ hasText: schoolName }).getByTestId("row-reason").fill("联系电话不是管理员本人手机，请核对");
  await review.getByTestId("review-return-confirm").click();
  await expect(review.getByTestId("reason-error")).toHaveText("请填写退回原因，报送单位将按此修改");
  await review.getByTestId("return-reason").fill("有一所学校的管理员联系电话有误");
  await review.getByTestId("review-return-confirm").click();
  await expect(review.getByTestId("submission-status")).toHaveText("已退回");

  // The city officer sees the reason on that row, fixes it and submits again.
  const city = await signedIn(browser, FILLER.email, DEMO_PASSWORD);
  await seededTask(city).getByTestId("open-submission").click();
  const row = city.getByTestId("roster-row").filter({ hasText: schoolName });
  await expect(row).toContainText("退回原因：联系电话不是管理员本人手机，请核对");
  await row.getByTestId("row-edit").click();
  await city.getByTestId("row-editor").getByTestId("row-phone").fill("13700137001");
  await city.getByTestId("row-editor").getByTestId("row-save").click();
  await expect(row).toContainText("13700137001");
  await city.getByTestId("submit").click();
  await city.getByTestId("confirm-action").click();
  await expect(city.getByTestId("frozen-notice")).toBeVisible();

  // The reviewer sees only what changed, and approves.
  await review.reload();
  await expect(review.getByTestId("change")).toHaveCount(1);
  // The reviewer reads the changed phone masked, as every phone of another unit.
  await expect(review.getByTestId("change")).toContainText("137****7001");
  await expect(review.getByTestId("change")).not.toContainText("13700137001");
  await expect(review.getByTestId("review-row")).toHaveCount(1);
  await expect(review.getByTestId("review-row")).toContainText("上次退回原因：联系电话不是管理员本人手机，请核对");
  await review.getByTestId("review-open").click();
  await review.getByTestId("review-approve").click();
  await review.getByTestId("confirm-action").click();
  await expect(review.getByTestId("submission-status")).toHaveText("已通过");
  await expect(review.getByTestId("account-row")).toHaveCount(3);
  await expect(review.getByTestId("account-row").filter({ hasText: schoolName }).getByTestId("account-state")).toHaveText("已邀请，待激活");

  // The school's new administrator follows the emailed link, sets a password and is signed in.
  const admin = await (await browser.newContext()).newPage();
  await admin.goto(await activationLink(browser, schoolAdmin));
  await expect(admin.getByTestId("set-password-login")).toHaveText(schoolAdmin);
  await admin.getByTestId("set-password-password").fill("xinjiadmin1");
  await admin.getByTestId("set-password-confirm").fill("xinjiadmin1");
  await admin.getByTestId("set-password-submit").click();
  await expect(admin.getByTestId("password-error")).toContainText("至少 3 类");
  await admin.getByTestId("set-password-password").fill(NEW_PASSWORD);
  await admin.getByTestId("set-password-confirm").fill(NEW_PASSWORD);
  await admin.getByTestId("set-password-submit").click();
  await expect(admin).not.toHaveURL(/\/activate/);
  await acceptNoticeIfAsked(admin);
  await expect(admin.getByTestId("header-user")).toContainText("赵");

  // The link is used up; the password works at the login page.
  await admin.goto(await activationLink(browser, schoolAdmin));
  await expect(admin.getByTestId("link-error")).toContainText("已使用过");
  await signedIn(browser, schoolAdmin, NEW_PASSWORD);

  await review.reload();
  await expect(review.getByTestId("account-row").filter({ hasText: schoolName }).getByTestId("account-state")).toHaveText("已激活");
});
