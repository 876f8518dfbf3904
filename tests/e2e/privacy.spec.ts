import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { createDb } from "@/db/index";
import { auditLog, privacyAcceptances, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";
import { demoLogin } from "./support/demo";
import { login } from "./support/login";
import { submitTableAs } from "./support/tables";

// 定州市: a table that no other browser test touches.
const DINGZHOU = "130682";
const FILLER = { email: "dingzhou-e2e@test.baosong.cn", name: "韩梅" };

// The global setup points DATABASE_URL at the seeded e2e database the server uses.
const { db, client } = createDb(process.env.DATABASE_URL!, { max: 1 });
test.afterAll(() => client.end());

/** 定州's filler account (never signed in) and its table, submitted. */
async function submitDingzhouTable(): Promise<number> {
  const { submissionId } = await submitTableAs(db, {
    unitCode: DINGZHOU,
    filler: FILLER,
    fillerPhone: "0312-2345678",
    row: (i) => ({ name: `韩${"一二三四五"[i % 5]}明`, phone: `1360013600${i}`, email: `dingzhou-admin${i}@example.com` }),
  });
  return submissionId;
}

test("the privacy notice holds a first sign-in until accepted; a reviewer sees phones masked and reveals them with a reason", async ({ browser }) => {
  test.setTimeout(120_000);
  const submissionId = await submitDingzhouTable();

  // First sign-in of 定州's filler: the notice, and nothing else, until it is accepted.
  const filler = await (await browser.newContext()).newPage();
  await login(filler, FILLER.email, DEMO_PASSWORD, { acceptNotice: false });
  await expect(filler).toHaveURL(/\/account\/privacy$/);
  await expect(filler.getByTestId("privacy-notice")).toHaveAttribute("data-version", PRIVACY_NOTICE_VERSION);
  await expect(filler.getByTestId("privacy-notice")).toContainText("保存期限");
  await filler.goto(`/submissions/${submissionId}`);
  await expect(filler).toHaveURL(/\/account\/privacy$/);
  await filler.getByTestId("privacy-accept").click();
  await expect(filler.getByTestId("header-user")).toContainText(FILLER.name);
  const [accepted] = await db.select().from(privacyAcceptances).innerJoin(users, eq(users.id, privacyAcceptances.userId)).where(eq(users.email, FILLER.email));
  expect(accepted.privacy_acceptances.version).toBe(PRIVACY_NOTICE_VERSION);
  // The filler's own table is shown in full.
  await filler.goto(`/submissions/${submissionId}`);
  await expect(filler.getByTestId("roster-row").first().getByTestId("contact-phone")).toHaveText("13600136000");
  await expect(filler.getByTestId("reveal-open")).toHaveCount(0);

  // The reviewer reads the same table masked, and asks for the full values with a reason.
  const reviewer = demoLogin("province_reviewer");
  const review = await (await browser.newContext()).newPage();
  await login(review, reviewer.email, reviewer.password);
  await review.goto(`/review/${submissionId}`);
  const firstRow = review.getByTestId("review-row").first();
  await expect(firstRow.getByTestId("contact-phone")).toHaveText("136****6000");
  await expect(firstRow.getByTestId("contact-email")).toHaveText("d***@example.com");
  await expect(review.getByTestId("filler-phone-text")).toHaveText("031****5678");
  await expect(review.locator("body")).not.toContainText("13600136000");

  await review.getByTestId("reveal-open").click();
  await review.getByTestId("reveal-submit").click();
  await expect(review.getByTestId("reveal-reason-error")).toHaveText("请填写查看原因");
  await review.getByTestId("reveal-reason").fill("电话核实管理员本人身份");
  await review.getByTestId("reveal-submit").click();
  await expect(firstRow.getByTestId("contact-phone")).toHaveText("13600136000");
  await expect(firstRow.getByTestId("contact-email")).toHaveText("dingzhou-admin0@example.com");
  await expect(review.getByTestId("filler-phone-text")).toHaveText("0312-2345678");

  const audits = await db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.action, "roster.reveal_contacts"), eq(auditLog.targetId, String(submissionId)), eq(auditLog.outcome, "success")));
  expect(audits).toEqual([{ detail: expect.objectContaining({ reason: "电话核实管理员本人身份" }) }]);
});
