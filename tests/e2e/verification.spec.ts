// 数据核验 end to end, on 秦皇岛 (no other spec verifies it) and on 2019学年 (no other spec imports it): the province
// imports 学校（机构）代码 and 事业统计 through 参考数据's dialog, the rules find 北戴河区示例旅游职业学校's items; the
// school corrects its error and explains its notice, confirms; 北戴河区 and 秦皇岛 confirm on the progress page; the
// province sees 秦皇岛 confirmed (「等待下级确认 1 / 1」, then 下级均已确认) and approves it.
import { expect, type Page, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { discrepancies, submissions, units, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { publishCampaign } from "@/lib/campaigns/lifecycle";
import { executeCommand } from "@/lib/core/command";
import { confirmCommand } from "@/lib/verification/confirm/commands";
import { createVerificationCampaign } from "@/lib/verification/lifecycle";
import { xlsxFrom } from "../unit/xlsx-fixtures";
import { signedIn } from "./support/accounts";
import { withDb } from "./support/db";
import { demoLogin } from "./support/demo";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const YEAR = 2019;
const CITY = "1303";
const COUNTY = "130304";
const SCHOOL = "3613030002";
const CITY_SCHOOL = "3613030001";
const PASSWORD = "Verify-walk-2019!";
const ACCOUNTS = {
  school: { email: "e2e-verify-beidaihe-school@example.cn", name: "韩静", role: "school_staff", unitCode: SCHOOL },
  citySchool: { email: "e2e-verify-qinhuangdao-school@example.cn", name: "钱敏", role: "school_staff", unitCode: CITY_SCHOOL },
  county: { email: "e2e-verify-beidaihe@example.cn", name: "孔德明", role: "county_officer", unitCode: COUNTY },
  city: { email: "e2e-verify-qinhuangdao@example.cn", name: "冯立军", role: "city_officer", unitCode: CITY },
} as const;

/** A published 2019 verification task for 秦皇岛 only, and the walk's accounts (added once: a retry adds nothing). */
async function arrange() {
  return withDb(async (db) => {
    const passwordHash = await hashPassword(PASSWORD);
    for (const account of Object.values(ACCOUNTS)) {
      const [unit] = await db.select().from(units).where(eq(units.code, account.unitCode));
      await db.insert(users).values({ email: account.email, name: account.name, role: account.role, unitId: unit.id, status: "active", passwordHash }).onConflictDoNothing();
    }
    const [admin] = await db.select().from(users).where(eq(users.email, demoLogin("province_admin").email));
    const [city] = await db.select().from(units).where(eq(units.code, CITY));
    const campaign = await db.transaction(async (tx) => {
      const created = await createVerificationCampaign(tx, {
        title: `秦皇岛市数据核验 ${Date.now()}`,
        docNumber: "冀教办函〔2021〕26号",
        issuer: "河北省教育厅办公室",
        body: "请逐校核验参考数据，逐级确认。",
        contacts: [],
        tableNotes: [],
        deadline: new Date(Date.now() + 14 * 24 * 3600_000),
        reminderOffsets: [],
        ownerUnitId: admin.unitId,
        unitIds: [city.id],
        schoolYear: YEAR,
      });
      await publishCampaign(tx, created.id, admin.unitId, new Date());
      return created;
    });
    return { campaignId: campaign.id, cityId: city.id };
  });
}

/** The reference files: 北戴河区's school under another name in the code registry and with a blank 教学仪器设备总值. */
function files(campaignId: number) {
  // The task's id in a column the import ignores: a retry's files are new files, not the same one again.
  const note = `任务 ${campaignId}`;
  const codes = xlsxFrom([
    {
      name: "Sheet1",
      rows: [
        ["学校标识码", "学校名称", "驻地区划代码", "状态", "备注"],
        [CITY_SCHOOL, "秦皇岛市示例中等专业学校", "1303", "正常", note],
        [SCHOOL, "秦皇岛市北戴河区示例旅游职业学校", COUNTY, "正常", note],
      ],
    },
  ]);
  const statistics = xlsxFrom([
    {
      name: "Sheet1",
      rows: [
        ["学校标识码", "学校名称", "在校生数", "专任教师数", "占地面积", "校舍建筑面积", "教学仪器设备总值", "图书", "备注"],
        [CITY_SCHOOL, "秦皇岛市示例中等专业学校", 1800, 120, 66000, 41000, 920, 15, note],
        [SCHOOL, "北戴河区示例旅游职业学校", 950, 64, 38000, 22000, "", 9, note],
      ],
    },
  ]);
  return { codes, statistics };
}

async function importSnapshot(page: Page, source: "school_codes" | "statistics", name: string, buffer: Buffer) {
  await page.getByTestId("import-open").click();
  const dialog = page.getByTestId("import-dialog");
  await dialog.getByTestId("snapshot-source").selectOption(source);
  await dialog.getByTestId("snapshot-year").selectOption(String(YEAR));
  await dialog.getByTestId("import-file").setInputFiles({ name, mimeType: XLSX_TYPE, buffer });
  await dialog.getByTestId("import-preview").click();
  await expect(dialog.getByTestId("import-summary")).toContainText("新增 2 行");
  await dialog.getByTestId("import-commit").click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("snapshot-table").locator(`tr[data-source=${source}][data-year='${YEAR}']`)).toContainText("第 1 版");
}

async function confirmLevel(page: Page) {
  await page.getByTestId("verification-confirm").click();
  await page.getByRole("alertdialog").getByRole("button", { name: "确认" }).click();
}

test("the province imports snapshots, a school answers, its county and city confirm, the province approves", async ({ browser }) => {
  test.setTimeout(300_000);
  const task = await arrange();
  const progress = `/verification/${task.campaignId}/progress`;

  // The province imports the year's reference data; the rules run on each import.
  const admin = await signedIn(browser, demoLogin("province_admin").email, demoLogin("province_admin").password);
  await admin.goto("/verification/snapshots");
  const { codes, statistics } = files(task.campaignId);
  await importSnapshot(admin, "school_codes", "学校（机构）代码2019.xlsx", codes);
  await importSnapshot(admin, "statistics", "教育事业统计2019.xlsx", statistics);
  // Its rules and the problems they found, from the task's overview.
  await admin.goto(`/verification/${task.campaignId}`);
  await admin.getByTestId("verification-link-rules").click();
  await expect(admin.getByTestId("rule-form-blank_indicator")).toBeVisible();
  await admin.goto(`/verification/${task.campaignId}`);
  await admin.getByTestId("verification-link-discrepancies").click();
  await expect(admin.getByTestId("discrepancy-lines").locator("tbody tr")).toHaveCount(2);
  await admin.context().close();

  const items = await withDb((db) =>
    db.select({ id: discrepancies.id, key: discrepancies.key, unitId: discrepancies.unitId }).from(discrepancies).where(eq(discrepancies.campaignId, task.campaignId)).orderBy(discrepancies.key),
  );
  const [school] = await withDb((db) => db.select().from(units).where(eq(units.code, SCHOOL)));
  expect(items.map((i) => [i.key, i.unitId])).toEqual([
    ["blank_indicator:statistics.equipmentValue", school.id],
    ["name_differs", school.id],
  ]);
  const [blank, name] = items;

  // The province's level before: the task's one reporting unit, 秦皇岛, is still to confirm.
  const reviewer = await signedIn(browser, demoLogin("province_reviewer").email, demoLogin("province_reviewer").password);
  await reviewer.goto(progress);
  await expect(reviewer.getByTestId("level-waiting")).toHaveText("等待下级确认 1 / 1");
  await expect(reviewer.getByTestId(`verification-child-${task.cityId}`)).toContainText("未确认");

  // The school: 更正 the blank 教学仪器设备总值 with its value, 情况说明 for its name, then 确认.
  const schoolPage = await signedIn(browser, ACCOUNTS.school.email, PASSWORD);
  await schoolPage.goto(`/verification/${task.campaignId}`);
  await expect(schoolPage).toHaveURL(new RegExp(`/verification/${task.campaignId}/schools/${school.id}$`));
  await expect(schoolPage.getByTestId("school-pending")).toContainText("还有 2 项待处理");
  await expect(schoolPage.getByTestId(`answer-explained-${blank.id}`)).toBeDisabled();
  await schoolPage.getByTestId(`answer-value-${blank.id}`).fill("860");
  await schoolPage.getByTestId(`answer-submit-${blank.id}`).click();
  await expect(schoolPage.getByTestId(`discrepancy-state-${blank.id}`)).toHaveText("已在源系统更正");
  await schoolPage.getByTestId(`answer-explained-${name.id}`).check();
  await schoolPage.getByTestId(`answer-text-${name.id}`).fill("学校名称以主管部门批复为准，代码系统中的名称已申请变更。");
  await schoolPage.getByTestId(`answer-submit-${name.id}`).click();
  await expect(schoolPage.getByTestId(`discrepancy-state-${name.id}`)).toHaveText("已说明情况");
  await confirmLevel(schoolPage);
  await expect(schoolPage.getByTestId("school-confirmed")).toContainText("问题已锁定");
  await schoolPage.context().close();

  // 北戴河区: its one school has confirmed, so it confirms.
  const county = await signedIn(browser, ACCOUNTS.county.email, PASSWORD);
  await county.goto(progress);
  await expect(county.getByTestId("level-waiting")).toHaveText("下级均已确认。");
  await expect(county.getByTestId(`verification-child-${school.id}`)).toContainText("已确认");
  await confirmLevel(county);
  await expect(county.getByTestId("level-confirmed")).toContainText("已于");
  await county.context().close();

  // 秦皇岛: waits for its own school, which has no items and confirms (as its page would), then confirms itself.
  const city = await signedIn(browser, ACCOUNTS.city.email, PASSWORD);
  await city.goto(progress);
  await expect(city.getByTestId("level-waiting")).toHaveText("等待下级确认 1 / 2");
  await withDb(async (db) => {
    const [user] = await db.select().from(users).where(eq(users.email, ACCOUNTS.citySchool.email));
    const [unit] = await db.select().from(units).where(eq(units.id, user.unitId));
    const [submission] = await db.select({ id: submissions.id }).from(submissions).where(and(eq(submissions.campaignId, task.campaignId), eq(submissions.unitId, task.cityId)));
    const actor = { userId: user.id, sessionId: "00000000-0000-4000-8000-000000000000", name: user.name, email: user.email, role: user.role, unitId: unit.id, unitName: unit.name, unitKind: unit.kind };
    const result = await executeCommand(confirmCommand, { submissionId: submission.id }, { db, actor, ip: null, now: new Date() });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });
  await city.reload();
  await expect(city.getByTestId("level-waiting")).toHaveText("下级均已确认。");
  await confirmLevel(city);
  await expect(city.getByTestId("level-confirmed")).toContainText("已于");
  await city.context().close();

  // The province: 秦皇岛 confirmed, none left to wait for; its 确认 approves the city's submission.
  await reviewer.reload();
  await expect(reviewer.getByTestId("level-waiting")).toHaveText("下级均已确认。");
  const cityRow = reviewer.getByTestId(`verification-child-${task.cityId}`);
  await expect(cityRow).toContainText("已确认");
  await cityRow.getByRole("button", { name: "确认" }).click();
  await reviewer.getByRole("alertdialog").getByRole("button", { name: "确认" }).click();
  await expect(cityRow).toContainText("省级已确认");
  const [submission] = await withDb((db) => db.select({ status: submissions.status }).from(submissions).where(eq(submissions.campaignId, task.campaignId)));
  expect(submission.status).toBe("approved");

  // The province's bulletin: 秦皇岛 ranked with its school confirmed, the two problems counted by rule.
  const province = await signedIn(browser, demoLogin("province_admin").email, demoLogin("province_admin").password);
  await province.goto(`/verification/${task.campaignId}/figures`);
  await province.getByTestId("bulletin-generate").click();
  await expect(province).toHaveURL(/\/bulletins\/\d+$/);
  const ranked = province.getByTestId("verification-bulletin-reporting-row");
  await expect(ranked).toHaveCount(1);
  await expect(ranked.first()).toContainText("秦皇岛市教育局");
  await expect(ranked.first().locator("td").first()).toHaveText("1");
  await expect(province.getByTestId("verification-bulletin-categories-row")).toHaveCount(2);
});
