import { expect, type Page, test } from "@playwright/test";
import { and, eq, ne, sql } from "drizzle-orm";
import * as XLSX from "xlsx";
import { campaigns, rosterEntries, submissions, trainingRegistrations, trainingSessions, units } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER, DEMO_PASSWORD } from "@/db/seed";
import { publishCampaign } from "@/lib/campaigns/lifecycle";
import { createTrainingCampaign } from "@/lib/training/lifecycle";
import { signedIn } from "./support/accounts";
import { withDb } from "./support/db";
import { demoLogin } from "./support/demo";
import { submitTableAs } from "./support/tables";

// 系统应用培训 on 张家口 and 廊坊, which no other browser test touches: their administrator tables are approved, the
// province publishes a training task for them and sets its sessions, 张家口's counties confirm their 回执, the city
// substitutes its own person and submits, the province imports the 签到表, puts the one no-show on 补训, and the
// bulletin ranks the two cities.
const ZHANGJIAKOU = "1307";
const LANGFANG = "1310";
const OFFICER = { email: "zhangjiakou-e2e@test.baosong.cn", name: "韩立新" };
const SUBSTITUTE = { name: "韩雪梅", position: "信息科科员", phone: "13907310999", email: "hanxuemei@example.com", reason: "原管理员同期参加市级会议，由信息科科员参训。" };
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平";

let trainingId: number;

/** An administrator per covered unit: a distinct name and phone for each of the two cities. */
const administrator = (city: number) => (i: number) => ({
  name: `${SURNAMES[(i + city * 7) % 20]}${GIVEN[Math.floor(i / 20) % 20]}${GIVEN[(i * 7 + city) % 20]}`,
  phone: `139${city}${String(1000000 + i).slice(1)}0`.slice(0, 11),
  email: `admin${city}-${i}@example.com`,
});

test.beforeAll(() =>
  withDb(async (db) => {
    // Both cities' administrator tables, filled, submitted and approved: the training draws its people from them.
    for (const [n, code] of [ZHANGJIAKOU, LANGFANG].entries()) {
      const filler = n === 0 ? OFFICER : { email: `langfang-e2e@test.baosong.cn`, name: "宋建军" };
      const { submissionId } = await submitTableAs(db, { unitCode: code, filler, fillerPhone: "0313-8011001", row: administrator(n + 1) });
      await db.update(submissions).set({ status: "approved" }).where(eq(submissions.id, submissionId));
    }
    const [roster] = await db.select().from(campaigns).where(and(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER), eq(campaigns.kind, "roster")));
    const cities = await db.select({ id: units.id }).from(units).where(sql`${units.code} in (${ZHANGJIAKOU}, ${LANGFANG})`);
    trainingId = await db.transaction(async (tx) => {
      const campaign = await createTrainingCampaign(tx, {
        title: "关于开展张家口、廊坊中等职业学校管理信息系统应用培训的通知",
        docNumber: "冀教职成函〔2021〕30号",
        issuer: "河北省教育厅",
        body: "请张家口市、廊坊市教育局组织所辖县（区）和学校报送培训回执。",
        contacts: [],
        tableNotes: [],
        deadline: new Date(Date.now() + 3 * 24 * 3600_000),
        reminderOffsets: [-1440],
        ownerUnitId: roster.ownerUnitId,
        unitIds: cities.map((c) => c.id),
        sourceCampaignId: roster.id,
      });
      await publishCampaign(tx, campaign.id, roster.ownerUnitId, new Date());
      return campaign.id;
    });
  }),
);

/** Adds a session to phase 1 in the 培训安排 page's dialog. */
async function addSession(page: Page, { title, remedial }: { title: string; remedial: boolean }) {
  await page.getByTestId("session-new").first().click();
  const dialog = page.getByTestId("session-dialog");
  await dialog.getByLabel("场次名称").fill(title);
  await dialog.getByLabel("线上").check();
  await dialog.getByLabel("日期").fill("2026-12-20");
  await dialog.getByLabel("开始时刻").fill("09:00");
  await dialog.getByLabel("结束时刻").fill("12:00");
  await dialog.getByLabel("会议链接").fill("https://meeting.example.cn/j/2021030");
  await dialog.getByLabel("名额").fill("100");
  for (const audience of ["市级教育局", "县级教育局", "学校"]) await dialog.getByLabel(audience, { exact: true }).check();
  if (remedial) await dialog.getByLabel(/补训场次/).check();
  await dialog.getByTestId("session-save").click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("training-session").filter({ hasText: title })).toBeVisible();
}

/** A 签到表 of these people, its columns in an order of its own. */
function signInSheet(people: { name: string; phone: string; unitName: string }[]): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([["联系电话", "姓名", "单位", "序号"], ...people.map((p, i) => [p.phone, p.name, p.unitName, i + 1])]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, "签到表");
  return XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer;
}

test("the province sets sessions, a city substitutes and submits its 回执, the province imports the 签到表, puts a no-show on 补训, and the bulletin ranks the cities", async ({ browser }) => {
  test.setTimeout(600_000);
  const base = `/training/${trainingId}`;

  // The province sets phase 1's session, and a 补训 session for whoever misses it.
  const admin = demoLogin("province_admin");
  const province = await signedIn(browser, admin.email, admin.password);
  await province.goto(`${base}/plan`);
  await addSession(province, { title: "系统集中培训（线上）", remedial: false });
  await addSession(province, { title: "系统集中培训补训（线上）", remedial: true });

  // 张家口's counties and schools confirm their own 回执 (each by its own filler; here straight in the database), with
  // the administrators their city's approved table names.
  const { sessionId, remedialId, citySubmissionId } = await withDb(async (db) => {
    const [session] = await db.select().from(trainingSessions).where(and(eq(trainingSessions.campaignId, trainingId), eq(trainingSessions.remedial, false)));
    const [remedial] = await db.select().from(trainingSessions).where(and(eq(trainingSessions.campaignId, trainingId), eq(trainingSessions.remedial, true)));
    const [city] = await db.select().from(units).where(eq(units.code, ZHANGJIAKOU));
    const [own] = await db.select().from(submissions).where(and(eq(submissions.campaignId, trainingId), eq(submissions.unitId, city.id)));
    // The rows of the city's approved table (other specs may publish campaigns whose tables are empty).
    const entries = await db
      .select()
      .from(rosterEntries)
      .innerJoin(submissions, eq(submissions.id, rosterEntries.submissionId))
      .where(and(eq(submissions.unitId, city.id), eq(submissions.status, "approved"), ne(rosterEntries.unitId, city.id)));
    await db.insert(trainingRegistrations).values(
      entries.map(({ roster_entries: e }) => ({
        campaignId: trainingId,
        submissionId: own.id,
        sessionId: session.id,
        unitId: e.unitId,
        name: e.name,
        position: e.position,
        phone: e.phone,
        email: e.email,
        rosterEntryId: e.id,
        state: "confirmed" as const,
      })),
    );
    return { sessionId: session.id, remedialId: remedial.id, citySubmissionId: own.id };
  });

  // The city names another person for its own seat, with the reason, confirms, approves its units' 回执 and submits.
  const city = await signedIn(browser, OFFICER.email, DEMO_PASSWORD);
  await city.goto("/");
  await city.getByTestId("task").filter({ hasText: "张家口、廊坊" }).getByTestId("open-submission").click();
  await expect(city).toHaveURL(new RegExp(`${base}$`));
  await city.getByTestId("training-link-receipts").click();
  const form = city.getByTestId("phase-1-form");
  await form.getByLabel(/系统集中培训（线上）/).check();
  await form.getByTestId("phase-1-substitute").check();
  await form.locator("#phase-1-name").fill(SUBSTITUTE.name);
  await form.locator("#phase-1-position").fill(SUBSTITUTE.position);
  await form.locator("#phase-1-phone").fill(SUBSTITUTE.phone);
  await form.locator("#phase-1-email").fill(SUBSTITUTE.email);
  await form.locator("#phase-1-reason").fill(SUBSTITUTE.reason);
  await form.getByTestId("phase-1-save").click();
  await expect(form.getByTestId("phase-1-confirm")).toBeVisible();
  // A second save, without reloading, goes through at the version the first one left.
  await form.locator("#phase-1-position").fill("信息科副科长");
  await form.getByTestId("phase-1-save").click();
  await expect
    .poll(() => withDb(async (db) => (await db.select({ position: trainingRegistrations.position }).from(trainingRegistrations).where(eq(trainingRegistrations.name, SUBSTITUTE.name)))[0]?.position))
    .toBe("信息科副科长");
  await expect(form.getByTestId("phase-1-error")).toHaveCount(0);
  await form.getByTestId("phase-1-confirm").click();
  await expect(form.getByTestId("phase-1-confirm")).toBeHidden();
  await city.getByTestId("approve-all").click();
  await city.getByTestId("confirm-action").click();
  await expect(city.getByTestId("approve-all")).toBeHidden();
  await city.getByTestId("receipts-submit").click();
  await expect(city.getByTestId("receipts-withdraw")).toBeVisible();
  await expect(city.getByTestId("receipt-row").filter({ hasText: SUBSTITUTE.name }).getByTestId("substitute-mark")).toBeVisible();

  // The province sees the substitution, with its reason.
  await province.goto(`${base}/receipts`);
  await expect(province.getByTestId("substitutions")).toContainText(SUBSTITUTE.reason);

  // The province imports the 签到表: everyone came but one county's administrator.
  const registered = await withDb((db) =>
    db
      .select({ name: trainingRegistrations.name, phone: trainingRegistrations.phone, unitName: units.name })
      .from(trainingRegistrations)
      .innerJoin(units, eq(units.id, trainingRegistrations.unitId))
      .where(and(eq(trainingRegistrations.sessionId, sessionId), eq(trainingRegistrations.submissionId, citySubmissionId)))
      .orderBy(units.code),
  );
  const absent = registered.find((r) => r.unitName.endsWith("教育局") && r.name !== SUBSTITUTE.name)!;
  await province.goto(`${base}/sessions/${sessionId}`);
  await province.getByTestId("import-open").click();
  const dialog = province.getByTestId("import-dialog");
  const file = { name: "签到表.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: signInSheet(registered.filter((r) => r !== absent)) };
  await dialog.getByTestId("import-file").setInputFiles(file);
  await dialog.getByTestId("import-preview").click();
  await expect(dialog.getByTestId("import-commit")).toBeEnabled();
  await dialog.getByTestId("import-commit").click();
  await expect(dialog).toBeHidden();

  // The session closes only with its signed 签到表 scanned; then the one no-show is absent and goes to 补训.
  await expect(province.getByTestId("close-session")).toBeDisabled();
  await province.getByTestId("sign-in-scan-input").setInputFiles({ name: "签到表.pdf", mimeType: "application/pdf", buffer: PDF });
  await province.getByTestId("sign-in-scan-upload").click();
  await expect(province.getByTestId("sign-in-scan-link")).toBeVisible();
  await province.getByTestId("close-session").click();
  await province.getByTestId("confirm-action").click();
  const remedialForm = province.getByTestId("remedial-form");
  await remedialForm.getByLabel(`选择${absent.name}（${absent.unitName}）`).check();
  await remedialForm.getByLabel("补训场次").selectOption(String(remedialId));
  await remedialForm.getByTestId("schedule-remedial").click();
  await expect
    .poll(() => withDb((db) => db.$count(trainingRegistrations, and(eq(trainingRegistrations.sessionId, remedialId), eq(trainingRegistrations.name, absent.name)))))
    .toBe(1);

  // The bulletin ranks the two cities: 张家口, its 回执 in and all but one attended, before 廊坊, which sent nothing.
  await province.goto(`${base}/figures`);
  await province.getByTestId("bulletin-generate").click();
  await expect(province).toHaveURL(/\/bulletins\/\d+$/);
  const ranked = province.getByTestId("training-bulletin-reporting-row");
  await expect(ranked).toHaveCount(2);
  await expect(ranked.nth(0)).toContainText("张家口市教育局");
  await expect(ranked.nth(0).locator("td").first()).toHaveText("1");
  await expect(ranked.nth(1)).toContainText("廊坊市教育局");
  await expect(ranked.nth(1).locator("td").first()).toHaveText("2");
});
