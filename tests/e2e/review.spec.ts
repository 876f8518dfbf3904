import { expect, test } from "@playwright/test";
import { createDb } from "@/db/index";
import { DEMO_PASSWORD } from "@/db/seed";
import { demoLogin, seededTask } from "./support/demo";
import { activationLink, signedIn } from "./support/accounts";
import { acceptNoticeIfAsked } from "./support/login";
import { submitTableAs } from "./support/tables";

// 辛集市: a table of three rows (its bureau and two schools) that no other browser test touches.
const XINJI = "130181";
const FILLER = { email: "xinji-e2e@test.baosong.cn", name: "马丽" };
const NEW_PASSWORD = "Xinji#2021ok";
/** What the scan check reads of a PDF: its first bytes. */
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

/** 辛集's filler account and its table, filled and submitted through the same commands the pages call. */
async function submitXinjiTable(): Promise<{ campaignId: number; schoolName: string; schoolAdmin: string }> {
  const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const { campaignId, covered } = await submitTableAs(db, {
      unitCode: XINJI,
      filler: FILLER,
      fillerPhone: "0311-66005705",
      row: (i) => ({ name: `赵${"一二三"[i]}平`, phone: `1390013900${i}`, email: `xinji-admin${i}@example.com` }),
    });
    const schoolIndex = covered.findIndex((u) => u.kind === "school");
    return { campaignId, schoolName: covered[schoolIndex].name, schoolAdmin: `xinji-admin${schoolIndex}@example.com` };
  } finally {
    await client.end();
  }
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
  await review.getByTestId("return-require-scan").check();
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
  // The return asked for a new scan: 「提交」 waits for it.
  await expect(city.getByTestId("scan-state")).toHaveText("审核员退回时要求重新上传盖章扫描件，请重新打印盖章上传。");
  await expect(city.getByTestId("submit")).toBeDisabled();
  await city.getByTestId("scan-input").setInputFiles({ name: "盖章表（修改后）.pdf", mimeType: "application/pdf", buffer: PDF });
  await city.getByTestId("scan-upload").click();
  await expect(city.getByTestId("scan-info")).toContainText("盖章表（修改后）.pdf");
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

  // The city's page still offered 「撤回」: the approval came first, and the city is told who approved and when.
  await city.getByTestId("withdraw").click();
  await city.getByTestId("confirm-action").click();
  await expect(city.getByText(/^该报送已由 省级审核员 .+ 于 .+ 审核通过，您的操作未执行。/)).toBeVisible();
  await expect(city.getByTestId("submission-status")).toHaveText("已通过");
  await expect(city.getByTestId("withdraw")).toHaveCount(0);
  await expect(review.getByTestId("account-row").filter({ hasText: schoolName }).getByTestId("account-state")).toHaveText("已邀请，待激活");

  // The city's table says when it was approved instead of counting down, with every step ticked.
  await city.reload();
  await expect(city.getByTestId("submission-outcome")).toHaveText(/^已于\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}审核通过$/);
  await expect(city.getByTestId("countdown")).toHaveCount(0);
  await expect(city.getByTestId("submission-steps").locator('li[data-done="true"]')).toHaveCount(5);

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
  // Their home says whose administrator they are, with which account, and what comes next.
  await admin.goto("/");
  await expect(admin.getByTestId("next-steps-unit")).toHaveText(schoolName);
  await expect(admin.getByTestId("next-steps-account")).toContainText(schoolAdmin);
  await expect(admin.getByTestId("next-steps")).toContainText("由省级系统自动下发到您登记的邮箱");

  // The link is used up; the password works at the login page.
  await admin.goto(await activationLink(browser, schoolAdmin));
  await expect(admin.getByTestId("link-error")).toContainText("已使用过");
  await signedIn(browser, schoolAdmin, NEW_PASSWORD);

  await review.reload();
  await expect(review.getByTestId("account-row").filter({ hasText: schoolName }).getByTestId("account-state")).toHaveText("已激活");
});
