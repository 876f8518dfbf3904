import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { discrepancies, submissions, units, users, verificationRules } from "@/db/schema";
import { publishCampaign } from "@/lib/campaigns/lifecycle";
import { createVerificationCampaign } from "@/lib/verification/lifecycle";
import { signedIn } from "./support/accounts";
import { withDb } from "./support/db";
import { demoLogin } from "./support/demo";

// 数据核验 for the province-affiliated demo school: it corrects an error, explains a notice, and confirms, which locks
// its items. The task and its items are written directly (the rule engine is another page's).
const SCHOOL_CODE = "3613000001";

async function publishedTaskWithItems() {
  return withDb(async (db) => {
    const [school] = await db.select().from(units).where(eq(units.code, SCHOOL_CODE));
    const [admin] = await db.select().from(users).where(eq(users.email, demoLogin("province_admin").email));
    const campaign = await db.transaction(async (tx) => {
      const created = await createVerificationCampaign(tx, {
        title: `数据核验浏览器测试 ${Date.now()}`,
        docNumber: "冀教办函〔2021〕99号",
        issuer: "河北省教育厅办公室",
        body: "请逐校核验。",
        contacts: [],
        tableNotes: [],
        deadline: new Date(Date.now() + 14 * 24 * 3600_000),
        reminderOffsets: [],
        ownerUnitId: admin.unitId,
        unitIds: [school.id],
        schoolYear: 2021,
      });
      await publishCampaign(tx, created.id, admin.unitId, new Date());
      return created;
    });
    const rule = async (severity: "error" | "notice", name: string) =>
      (await db.insert(verificationRules).values({ ownerUnitId: admin.unitId, code: `e2e_${severity}_${campaign.id}`, name, severity }).returning())[0];
    const error = await rule("error", "学生数与事业统计差异");
    const notice = await rule("notice", "同比变化超过 30%");
    const values = { campaignId: campaign.id, unitId: school.id, leftLabel: "学生系统", rightLabel: "事业统计", detectedAt: new Date() };
    const [e] = await db.insert(discrepancies).values({ ...values, ruleId: error.id, key: "students", severity: "error", subject: "在籍学生数 / 在校生数", leftValue: "1200", rightValue: "840" }).returning();
    const [n] = await db.insert(discrepancies).values({ ...values, ruleId: notice.id, key: "yoy", severity: "notice", subject: "在校生数（2020 → 2021）", leftValue: "600", rightValue: "840" }).returning();
    return { campaignId: campaign.id, schoolId: school.id, errorId: e.id, noticeId: n.id };
  });
}

test("a school corrects an error, explains a notice with an attachment, and confirms", async ({ browser }) => {
  test.setTimeout(180_000);
  const task = await publishedTaskWithItems();
  const login = demoLogin("school_staff");
  const page = await signedIn(browser, login.email, login.password);
  await page.goto(`/verification/${task.campaignId}/schools/${task.schoolId}`);
  await expect(page.getByTestId("school-pending")).toContainText("还有 2 项待处理");

  // An error cannot be explained: only 更正 is offered.
  await expect(page.getByTestId(`answer-explained-${task.errorId}`)).toBeDisabled();
  await page.getByTestId(`answer-submit-${task.errorId}`).click();
  await expect(page.getByTestId(`answer-form-${task.errorId}`)).toContainText("更正后的值：请填写");
  await page.getByTestId(`answer-value-${task.errorId}`).fill("840");
  await page.getByTestId(`answer-submit-${task.errorId}`).click();
  await expect(page.getByTestId(`discrepancy-state-${task.errorId}`)).toHaveText("已在源系统更正");

  await page.getByTestId(`answer-explained-${task.noticeId}`).check();
  await page.getByTestId(`answer-text-${task.noticeId}`).fill("2021 年新增两个专业，招生人数增加，数据属实。");
  await page.getByTestId(`answer-file-${task.noticeId}`).setInputFiles({ name: "招生计划.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  await page.getByTestId(`answer-submit-${task.noticeId}`).click();
  await expect(page.getByTestId(`discrepancy-state-${task.noticeId}`)).toHaveText("已说明情况");
  await expect(page.getByTestId(`discrepancy-attachment-${task.noticeId}`)).toHaveText("招生计划.pdf");

  await page.getByTestId("verification-confirm").click();
  await page.getByRole("alertdialog").getByRole("button", { name: "确认" }).click();
  await expect(page.getByTestId("school-confirmed")).toContainText("问题已锁定");
  await expect(page.getByTestId(`answer-form-${task.errorId}`)).toHaveCount(0);
  // The school reports straight to the province: its confirmation submits its submission.
  const [submission] = await withDb((db) => db.select({ status: submissions.status }).from(submissions).where(eq(submissions.campaignId, task.campaignId)));
  expect(submission.status).toBe("submitted");
});
