import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaigns, emailOutbox, rosterEntries, type SubmissionStatus, submissions, type Unit, units } from "@/db/schema";
import { DEMO_LOGINS } from "@/db/seed";
import { getDashboardByActor } from "@/lib/dashboard/queries";
import { getReadinessBySubmission } from "@/lib/submissions/readiness";
import { enqueueEmail } from "@/lib/mail/outbox";
import { renderEmail } from "@/lib/mail/render";
import {
  actorFor,
  CHANGAN,
  CITY_EMAIL,
  COUNTY_EMAIL,
  DEADLINE,
  freshSeededDatabaseEachTest,
  NOW,
  REVIEWER_EMAIL,
  SHIJIAZHUANG,
  submissionOf,
  TANGSHAN,
  TANGSHAN_EMAIL,
  unitByCode,
} from "../support/actors";

const world = freshSeededDatabaseEachTest();
const HOUR = 60 * 60_000;
const ADMIN_EMAIL = DEMO_LOGINS.find((l) => l.role === "province_admin")!.email;
const AUDITOR_EMAIL = DEMO_LOGINS.find((l) => l.role === "auditor")!.email;
const SCHOOL = "3613000001";
const AFTER_DEADLINE = new Date(DEADLINE.getTime() + HOUR);

/** Active units under (and including) `root`, counted in JavaScript from the registry: what a table must hold. */
function subtree(all: Unit[], root: Unit): Unit[] {
  const children = all.filter((u) => u.active && u.reportingParentId === root.id);
  return [root, ...children.flatMap((c) => subtree(all, c))];
}

async function setStatus(db: Db, code: string, status: SubmissionStatus, fields: { late?: boolean; submittedAt?: Date; fillerName?: string } = {}) {
  const { id } = await submissionOf(db, code);
  await db
    .update(submissions)
    .set({ status, late: fields.late ?? false, submittedAt: fields.submittedAt ?? (status === "draft" ? null : NOW), fillerName: fields.fillerName })
    .where(eq(submissions.id, id));
}

async function fill(db: Db, reportingCode: string, unitCodes: string[]) {
  const submission = await submissionOf(db, reportingCode);
  for (const code of unitCodes) {
    const unit = await unitByCode(db, code);
    await db.insert(rosterEntries).values({ campaignId: submission.campaignId, submissionId: submission.id, unitId: unit.id, name: "王伟", position: "科长", phone: "13800138000", email: `${code}@example.com`, schoolCode: unit.schoolCode });
  }
}

async function sentReminder(db: Db, unitCode: string, kind: string, status: "sent" | "pending" | "failed", sentAt: Date) {
  const { campaignId } = await submissionOf(db, SHIJIAZHUANG);
  const unit = await unitByCode(db, unitCode);
  const id = await enqueueEmail(db, { ...renderEmail({ subject: "提醒", greeting: "您好：", paragraphs: ["正文"] }), to: `${unitCode}@example.com`, kind, unitId: unit.id, campaignId, at: NOW });
  await db.update(emailOutbox).set({ status, sentAt: status === "sent" ? sentAt : null }).where(eq(emailOutbox.id, id!));
}

/** The world of these tests: one unit in each state. */
async function arrange(db: Db) {
  await fill(db, SHIJIAZHUANG, [SHIJIAZHUANG, CHANGAN, "3613010002"]);
  await setStatus(db, TANGSHAN, "submitted", { late: true, submittedAt: new Date(DEADLINE.getTime() + 30 * 60_000) });
  await setStatus(db, "1303", "approved", { submittedAt: new Date(DEADLINE.getTime() - 24 * HOUR) });
  await setStatus(db, "1304", "returned");
  await setStatus(db, "1305", "draft", { fillerName: "张三" });
  await setStatus(db, SCHOOL, "submitted");
  await sentReminder(db, SHIJIAZHUANG, "reminder", "sent", new Date(NOW.getTime() + HOUR));
  await sentReminder(db, SHIJIAZHUANG, "urge", "sent", new Date(NOW.getTime() + 2 * HOUR));
  await sentReminder(db, SHIJIAZHUANG, "urge", "pending", NOW);
  await sentReminder(db, SHIJIAZHUANG, "activation", "sent", new Date(NOW.getTime() + 3 * HOUR));
  await sentReminder(db, CHANGAN, "urge", "sent", new Date(NOW.getTime() + 4 * HOUR));
}

async function dashboardFor(db: Db, email: string, now: Date) {
  const { campaignId } = await submissionOf(db, SHIJIAZHUANG);
  return getDashboardByActor({ db, actor: await actorFor(db, email), campaignId, now });
}

describe("the province's dashboard", () => {
  it("shows every reporting unit with its status, rows, submission time, lateness and last reminder", async () => {
    const { db } = world;
    await arrange(db);
    const all = await db.select().from(units);
    const unit = (code: string) => all.find((u) => u.code === code)!;
    const dashboard = (await dashboardFor(db, ADMIN_EMAIL, AFTER_DEADLINE))!;
    expect(dashboard.scope).toBe("province");
    expect(dashboard.lines).toHaveLength(24);
    expect(dashboard.lines.slice(0, 3).map((l) => l.unitName)).toEqual(["石家庄市教育局", "唐山市教育局", "秦皇岛市教育局"]);
    expect(dashboard.lines.at(-1)!.unitKind).toBe("college");

    const line = (code: string) => dashboard.lines.find((l) => l.unitId === unit(code).id)!;
    expect(line(SHIJIAZHUANG)).toMatchObject({
      progress: "in_progress",
      rowsFilled: 3,
      rowsExpected: subtree(all, unit(SHIJIAZHUANG)).length,
      submittedAt: null,
      overdue: true,
      missing: true,
      lastReminderAt: new Date(NOW.getTime() + 2 * HOUR),
    });
    expect(line(TANGSHAN)).toMatchObject({ progress: "submitted", overdue: true, missing: false, submittedAt: new Date(DEADLINE.getTime() + 30 * 60_000), lastReminderAt: null });
    expect(line("1303")).toMatchObject({ progress: "approved", overdue: false, missing: false });
    expect(line("1304")).toMatchObject({ progress: "returned", overdue: true, missing: true });
    expect(line("1305")).toMatchObject({ progress: "in_progress", rowsFilled: 0 });
    expect(line("1306")).toMatchObject({ progress: "not_started", rowsFilled: 0, overdue: true, missing: true });
    expect(line(SCHOOL)).toMatchObject({ progress: "submitted", rowsExpected: 1, overdue: false });
  });

  it("totals and the chart by city agree with the registry", async () => {
    const { db } = world;
    await arrange(db);
    const all = await db.select().from(units);
    const reporting = all.filter((u) => u.reportingParentId !== null && all.find((p) => p.id === u.reportingParentId)!.kind === "province_bureau");
    const expectedRows = reporting.reduce((sum, u) => sum + subtree(all, u).length, 0);

    const { totals, bars } = (await dashboardFor(db, ADMIN_EMAIL, AFTER_DEADLINE))!;
    expect(totals).toEqual({
      units: 24,
      missing: 21,
      overdue: 22,
      rowsFilled: 3,
      rowsExpected: expectedRows,
      byProgress: { not_started: 18, in_progress: 2, complete: 0, submitted: 2, returned: 1, approved: 1 },
    });
    expect(bars).toHaveLength(15);
    expect(bars[0]).toEqual({ label: "石家庄市教育局", rowsFilled: 3, rowsExpected: subtree(all, all.find((u) => u.code === SHIJIAZHUANG)!).length, units: 1, done: 0 });
    expect(bars.at(-1)).toEqual({ label: "省属学校及高职院校", rowsFilled: 0, rowsExpected: 10, units: 10, done: 1 });

    const beforeDeadline = (await dashboardFor(db, ADMIN_EMAIL, NOW))!;
    expect(beforeDeadline.totals.overdue).toBe(1);
  });

  it("counts each table's rows exactly as 「提交」 does, skipping deactivated units and everything under them", async () => {
    const { db } = world;
    await arrange(db);
    await fill(db, SHIJIAZHUANG, ["130123", "3613010003"]);
    await db.update(units).set({ active: false }).where(inArray(units.code, ["130123", "3613020002"]));
    const dashboard = (await dashboardFor(db, ADMIN_EMAIL, NOW))!;
    for (const line of dashboard.lines) {
      const [submission] = await db.select().from(submissions).where(eq(submissions.unitId, line.unitId));
      const readiness = await getReadinessBySubmission({ db, submissionId: submission.id });
      expect([line.rowsFilled, line.rowsExpected], line.unitName).toEqual([readiness.rowsFilled, readiness.rowsExpected]);
    }
    const city = (await dashboardFor(db, CITY_EMAIL, NOW))!;
    expect(city.lines.map((l) => l.unitName)).not.toContain("正定县教育局");
    expect(city.reporting).toMatchObject({ rowsFilled: 3 });
  });

  it("is the province's: reviewers see it, the auditor and county officers do not, and a draft campaign has none", async () => {
    const { db } = world;
    expect((await dashboardFor(db, REVIEWER_EMAIL, NOW))?.scope).toBe("province");
    expect(await dashboardFor(db, AUDITOR_EMAIL, NOW)).toBeNull();
    expect(await dashboardFor(db, COUNTY_EMAIL, NOW)).toBeNull();
    await db.update(campaigns).set({ status: "draft" });
    expect(await dashboardFor(db, ADMIN_EMAIL, NOW)).toBeNull();
  });
});

describe("a city's dashboard", () => {
  it("shows its own row and each of its counties and schools, counting their rows", async () => {
    const { db } = world;
    await arrange(db);
    const all = await db.select().from(units);
    const city = all.find((u) => u.code === SHIJIAZHUANG)!;
    const dashboard = (await dashboardFor(db, CITY_EMAIL, AFTER_DEADLINE))!;
    expect(dashboard.scope).toBe("city");
    expect(dashboard.reporting).toMatchObject({ unitId: city.id, progress: "in_progress", rowsFilled: 3, overdue: true });

    const direct = all.filter((u) => u.active && u.reportingParentId === city.id);
    expect(dashboard.lines.map((l) => l.unitId).sort()).toEqual([city.id, ...direct.map((u) => u.id)].sort());
    expect(dashboard.lines.at(-1)!.unitId).toBe(city.id);
    const line = (code: string) => dashboard.lines.find((l) => l.unitId === all.find((u) => u.code === code)!.id)!;
    expect(line(SHIJIAZHUANG)).toMatchObject({ progress: "complete", rowsFilled: 1, rowsExpected: 1, missing: false, overdue: false });
    expect(line(CHANGAN)).toMatchObject({ progress: "complete", rowsFilled: 2, rowsExpected: 2, missing: false, lastReminderAt: new Date(NOW.getTime() + 4 * HOUR) });
    expect(line("130123")).toMatchObject({ progress: "not_started", rowsFilled: 0, rowsExpected: 2, missing: true, overdue: true });
    expect(dashboard.totals.rowsFilled).toBe(3);
    expect(dashboard.totals.rowsExpected).toBe(subtree(all, city).length);
    expect(dashboard.bars).toHaveLength(dashboard.lines.length);

    // Once the city submits, every line shows the city's status and nothing is missing.
    await setStatus(db, SHIJIAZHUANG, "submitted", { late: true, submittedAt: AFTER_DEADLINE });
    const submitted = (await dashboardFor(db, CITY_EMAIL, AFTER_DEADLINE))!;
    expect(new Set(submitted.lines.map((l) => l.progress))).toEqual(new Set(["submitted"]));
    expect(submitted.totals.missing).toBe(0);
  });

  it("shows another city only its own", async () => {
    const { db } = world;
    const tangshan = (await dashboardFor(db, TANGSHAN_EMAIL, NOW))!;
    expect(tangshan.reporting!.unitName).toBe("唐山市教育局");
    const names = tangshan.lines.map((l) => l.unitName);
    expect(names).toContain("路南区教育局");
    expect(names).not.toContain("长安区教育局");
  });
});
