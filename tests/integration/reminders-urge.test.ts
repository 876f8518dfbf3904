import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaigns, emailOutbox, rosterEntries, submissions, units } from "@/db/schema";
import { DEMO_LOGINS } from "@/db/seed";
import { NOT_FOUND_MESSAGE } from "@/lib/core/errors";
import { urgeCommand } from "@/lib/reminders/commands";
import {
  actorFor,
  auditOf,
  CHANGAN,
  CITY_EMAIL,
  COUNTY_EMAIL,
  dataOf,
  freshSeededDatabaseEachTest,
  lastAuditId,
  NOW,
  run,
  SHIJIAZHUANG,
  submissionOf,
  TANGSHAN,
  unitByCode,
} from "../support/actors";

const world = freshSeededDatabaseEachTest();
const MINUTE = 60_000;
const ADMIN_EMAIL = DEMO_LOGINS.find((l) => l.role === "province_admin")!.email;

const urges = (db: Db) => db.select().from(emailOutbox).where(eq(emailOutbox.kind, "urge")).orderBy(asc(emailOutbox.id));

async function urge(db: Db, email: string, unitCode: string, now = NOW) {
  const { campaignId } = await submissionOf(db, SHIJIAZHUANG);
  const unit = await unitByCode(db, unitCode);
  return run(db, urgeCommand, { campaignId, unitId: unit.id }, await actorFor(db, email), now);
}

describe("「催报」 by the province", () => {
  it("queues a reminder now to the unit's active users, audited with the unit and the number of recipients", async () => {
    const { db } = world;
    const mark = await lastAuditId(db);
    expect(dataOf(await urge(db, ADMIN_EMAIL, SHIJIAZHUANG))).toEqual({ unitName: "石家庄市教育局", recipients: 1 });

    const [email] = await urges(db);
    const unit = await unitByCode(db, SHIJIAZHUANG);
    expect(email).toMatchObject({ toAddress: CITY_EMAIL, unitId: unit.id, status: "pending", createdAt: NOW, nextAttemptAt: NOW });
    expect(email.subject).toBe("【催报】关于做好全国中等职业学校管理信息系统应用准备工作的通知");
    expect(email.text).toContain("河北省教育厅提醒：石家庄市教育局的《关于做好全国中等职业学校管理信息系统应用准备工作的通知》");
    expect(email.text).toMatch(/还有 \d+ 个单位的管理员信息未填写/);

    const [audit] = await auditOf(db, "reminders.urge", mark);
    expect(audit).toMatchObject({ outcome: "success", targetType: "unit", targetId: String(unit.id), detail: { recipients: 1 } });
  });

  it("allows one 「催报」 per unit an hour, refusing the second with when to try again, audited and writing nothing", async () => {
    const { db } = world;
    dataOf(await urge(db, ADMIN_EMAIL, SHIJIAZHUANG));
    const mark = await lastAuditId(db);
    const again = await urge(db, ADMIN_EMAIL, SHIJIAZHUANG, new Date(NOW.getTime() + 59 * MINUTE));
    expect(again).toEqual({ ok: false, formError: "「石家庄市教育局」已于 2025年3月3日 10:00 催报过。每个单位 1 小时内只能催报一次，请于 2025年3月3日 11:00 后再试。" });
    expect(await auditOf(db, "reminders.urge", mark)).toMatchObject([{ outcome: "rejected" }]);
    expect(await urges(db)).toHaveLength(1);

    // Another unit is not held up, and an hour later the first may be urged again.
    dataOf(await urge(db, ADMIN_EMAIL, "3613000001", new Date(NOW.getTime() + 59 * MINUTE)));
    dataOf(await urge(db, ADMIN_EMAIL, SHIJIAZHUANG, new Date(NOW.getTime() + 60 * MINUTE)));
    expect(await urges(db)).toHaveLength(3);
  });

  it("two administrators clicking at once queue one reminder", async () => {
    const { db } = world;
    const results = await Promise.all([urge(db, ADMIN_EMAIL, SHIJIAZHUANG), urge(db, ADMIN_EMAIL, SHIJIAZHUANG)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await urges(db)).toHaveLength(1);
  });

  it("falls back to the unit's own row when it has no active user, and refuses when there is nobody to write to", async () => {
    const { db } = world;
    expect(await urge(db, ADMIN_EMAIL, TANGSHAN)).toMatchObject({ ok: false, formError: expect.stringContaining("无法发送催报") });
    const submission = await submissionOf(db, TANGSHAN);
    const unit = await unitByCode(db, TANGSHAN);
    await db.insert(rosterEntries).values({ campaignId: submission.campaignId, submissionId: submission.id, unitId: unit.id, name: "周强", position: "科长", phone: "13800138000", email: "ts-admin@example.com" });
    expect(dataOf(await urge(db, ADMIN_EMAIL, TANGSHAN))).toEqual({ unitName: "唐山市教育局", recipients: 1 });
    expect((await urges(db)).map((e) => [e.toAddress, e.userId])).toEqual([["ts-admin@example.com", null]]);
  });

  it("refuses a unit that has submitted, a closed campaign, and a unit that is not a reporting unit", async () => {
    const { db } = world;
    const { id } = await submissionOf(db, SHIJIAZHUANG);
    await db.update(submissions).set({ status: "submitted", submittedAt: NOW }).where(eq(submissions.id, id));
    expect(await urge(db, ADMIN_EMAIL, SHIJIAZHUANG)).toEqual({ ok: false, formError: "「石家庄市教育局」的报送已提交，无需催报。" });
    expect(await urge(db, ADMIN_EMAIL, CHANGAN)).toMatchObject({ ok: false, notFound: true, formError: NOT_FOUND_MESSAGE });
    await db.update(campaigns).set({ status: "closed" });
    expect(await urge(db, ADMIN_EMAIL, "3613000001")).toEqual({ ok: false, formError: "本任务已结束，不再发送催报。" });
    expect(await urges(db)).toHaveLength(0);
  });
});

describe("「催报」 by a city officer", () => {
  it("reaches a county of its own table, counting the county's empty rows", async () => {
    const { db } = world;
    expect(dataOf(await urge(db, CITY_EMAIL, CHANGAN))).toEqual({ unitName: "长安区教育局", recipients: 1 });
    const [email] = await urges(db);
    expect(email).toMatchObject({ toAddress: COUNTY_EMAIL, unitId: (await unitByCode(db, CHANGAN)).id });
    expect(email.text).toContain("石家庄市教育局提醒：长安区教育局");
    // 长安区教育局 and 长安区示例职业中学.
    expect(email.text).toContain("还有 2 个单位的管理员信息未填写");
  });

  it("answers 404 for another city's unit, and refuses its own unit and a county with nothing left to fill", async () => {
    const { db } = world;
    expect(await urge(db, CITY_EMAIL, TANGSHAN)).toMatchObject({ ok: false, notFound: true });
    expect(await urge(db, CITY_EMAIL, "130202")).toMatchObject({ ok: false, notFound: true });
    expect(await urge(db, CITY_EMAIL, SHIJIAZHUANG)).toMatchObject({ ok: false, formError: expect.stringContaining("无需向本单位发送") });

    const submission = await submissionOf(db, SHIJIAZHUANG);
    const covered = await db.select().from(units).where(and(eq(units.active, true)));
    const changan = covered.filter((u) => u.code === CHANGAN || u.reportingParentId === covered.find((c) => c.code === CHANGAN)!.id);
    for (const u of changan)
      await db.insert(rosterEntries).values({ campaignId: submission.campaignId, submissionId: submission.id, unitId: u.id, name: "王伟", position: "科长", phone: "13800138000", email: `a${u.id}@example.com`, schoolCode: u.schoolCode });
    expect(await urge(db, CITY_EMAIL, CHANGAN)).toEqual({ ok: false, formError: "「长安区教育局」的管理员信息已填写完整，无需催报。" });
    expect(await urges(db)).toHaveLength(0);
  });
});
