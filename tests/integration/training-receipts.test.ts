// 培训回执: a covered unit registers its approved administrator (or a substitute, with a reason) for a session of each
// phase and confirms; the city approves or returns them and submits once every covered unit is settled; seats and
// quotas hold under two registrations for the last seat at once; another city's unit is not found, audited.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { auditLog, emailOutbox, submissions, trainingQuotas, trainingRegistrations, trainingSessions } from "@/db/schema";
import { executeCommand } from "@/lib/core/command";
import { runReminderTick } from "@/lib/reminders/tick";
import {
  approveRegistrationsCommand,
  confirmRegistrationCommand,
  registerCommand,
  returnRegistrationCommand,
  submitReceiptsCommand,
  withdrawReceiptsCommand,
} from "@/lib/training/receipts/commands";
import { getPhaseStandings } from "@/lib/training/receipts/coverage";
import { getReceiptsPageForActor } from "@/lib/training/receipts/queries";
import { seatsLeft } from "@/lib/training/plan/seats";
import { actorFor, CHANGAN, COUNTY_EMAIL, dataOf, freshSeededDatabaseEachTest, lastAuditId, NOW, run, TANGSHAN, TANGSHAN_EMAIL, unitByCode } from "../support/actors";
import { adminName, adminPhone, publishedTraining, TRAINING_DEADLINE } from "../support/training";

const t = freshSeededDatabaseEachTest();

const administrator = { substitute: false, expectedVersion: null };
const substitute = { substitute: true, expectedVersion: null, name: "李明", position: "教务处副处长", phone: "13912345678", email: "LiMing@Example.com", substituteReason: "原管理员休产假" };

async function setting(db: Db) {
  const training = await publishedTraining(db);
  const county = await actorFor(db, COUNTY_EMAIL);
  const changan = await unitByCode(db, CHANGAN);
  const base = { submissionId: training.citySubmission.id };
  return { ...training, county, changan, base };
}

async function registrationOf(db: Db, unitId: number) {
  const [row] = await db.select().from(trainingRegistrations).where(eq(trainingRegistrations.unitId, unitId));
  return row;
}

async function deniedAudits(db: Db, after: number) {
  return db.select().from(auditLog).where(and(sql`${auditLog.id} > ${after}`, eq(auditLog.outcome, "denied")));
}

describe("registering", () => {
  it("pre-fills the approved administrator, and a substitute is checked by the roster's rules and keeps its reason", async () => {
    const { county, changan, base, sessions, roster } = await setting(t.db);
    const index = roster.rows.findIndex((r) => r.unitId === changan.id);
    const saved = dataOf(await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.online.id, ...administrator }, county));
    const row = await registrationOf(t.db, changan.id);
    expect(row).toMatchObject({ id: saved.registrationId, name: adminName(index), phone: adminPhone(index), state: "draft", substituteReason: null });
    expect(row.rosterEntryId).not.toBeNull();

    const bad = await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.online.id, ...substitute, expectedVersion: saved.version, phone: "12345", substituteReason: "" }, county);
    expect(bad).toMatchObject({ ok: false, fieldErrors: { phone: expect.stringMatching(/^联系电话：/), substituteReason: "更换原因：更换参训人员须说明原因" } });

    dataOf(await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.onsite.id, ...substitute, expectedVersion: saved.version }, county));
    const moved = await registrationOf(t.db, changan.id);
    expect(moved).toMatchObject({ sessionId: sessions.onsite.id, name: "李明", email: "liming@example.com", rosterEntryId: null, substituteReason: "原管理员休产假", version: 2 });
    expect(await t.db.$count(trainingRegistrations)).toBe(1);
  });

  it("refuses a stale form, naming who changed it", async () => {
    const { county, changan, base, sessions } = await setting(t.db);
    dataOf(await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.online.id, ...administrator }, county));
    const stale = await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.onsite.id, ...administrator }, county);
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("另一窗口") });
    const again = await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.onsite.id, ...administrator, expectedVersion: 7 }, county);
    expect(again).toMatchObject({ ok: false, formError: expect.stringContaining("已在另一窗口中修改") });
  });

  it("asks a unit without an approved administrator to name a person", async () => {
    const { county, changan, base, sessions } = await setting(t.db);
    await t.db.execute(sql`update submissions set status = 'draft', submitted_at = null where id in (select submission_id from roster_entries where unit_id = ${changan.id})`);
    const refused = await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.online.id, ...administrator }, county);
    expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining("没有审核通过的系统管理员信息") });
  });

  it("lets only the unit itself register, and answers another city's unit 404, audited", async () => {
    const { city, county, changan, base, sessions } = await setting(t.db);
    const byCity = await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.online.id, ...administrator }, city);
    expect(byCity).toMatchObject({ ok: false, formError: expect.stringContaining("由参训单位本身填写") });
    const tangshan = await unitByCode(t.db, TANGSHAN);
    const mark = await lastAuditId(t.db);
    const foreign = await run(t.db, registerCommand, { ...base, unitId: tangshan.id, sessionId: sessions.online.id, ...substitute }, county);
    expect(foreign).toMatchObject({ ok: false, notFound: true });
    const xinji = await unitByCode(t.db, "130181");
    expect(await run(t.db, registerCommand, { ...base, unitId: xinji.id, sessionId: sessions.online.id, ...substitute }, city)).toMatchObject({ ok: false, notFound: true });
    expect((await deniedAudits(t.db, mark)).map((a) => [a.action, (a.detail as { reason: string }).reason])).toEqual([
      ["training.register", "not_found"],
      ["training.register", "not_found"],
    ]);
    expect(await t.db.$count(trainingRegistrations)).toBe(0);
  });

  it("refuses a full session with its size, and a used-up quota", async () => {
    const { county, changan, base, sessions, city } = await setting(t.db);
    await t.db.update(trainingSessions).set({ capacity: 1 }).where(eq(trainingSessions.id, sessions.onsite.id));
    dataOf(await run(t.db, registerCommand, { ...base, unitId: city.unitId, sessionId: sessions.onsite.id, ...administrator }, city));
    const full = await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.onsite.id, ...administrator }, county);
    expect(full).toMatchObject({ ok: false, formError: "该场次名额已满（共 1 个），请选择其他场次。" });

    await t.db.insert(trainingQuotas).values({ sessionId: sessions.online.id, unitId: city.unitId, seats: 1 });
    dataOf(await run(t.db, registerCommand, { ...base, unitId: city.unitId, sessionId: sessions.online.id, ...administrator, expectedVersion: 1 }, city));
    const quota = await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.online.id, ...administrator }, county);
    expect(quota).toMatchObject({ ok: false, formError: "本地区在该场次的名额已用完（共 1 个），请选择其他场次或联系市级教育部门。" });
    await t.db.insert(trainingQuotas).values({ sessionId: sessions.online.id, unitId: changan.id, seats: 1 });
    await t.db.update(trainingQuotas).set({ seats: 2 }).where(and(eq(trainingQuotas.sessionId, sessions.online.id), eq(trainingQuotas.unitId, city.unitId)));
    await t.db.transaction(async (tx) => expect(await seatsLeft(tx, sessions.online.id, changan.id)).toBe(1));
    dataOf(await run(t.db, registerCommand, { ...base, unitId: changan.id, sessionId: sessions.online.id, ...administrator }, county));
  });

  it("gives the last seat to one of two units registering at once, and tells the other", async () => {
    const { county, changan, base, sessions, city } = await setting(t.db);
    await t.db.update(trainingSessions).set({ capacity: 1 }).where(eq(trainingSessions.id, sessions.onsite.id));
    const input = (unitId: number) => ({ ...base, unitId, sessionId: sessions.onsite.id, ...administrator });
    const results = await Promise.all([
      executeCommand(registerCommand, input(city.unitId), { db: t.db, actor: city, ip: null, now: NOW }),
      executeCommand(registerCommand, input(changan.id), { db: t.db, actor: county, ip: null, now: NOW }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ formError: "该场次名额已满（共 1 个），请选择其他场次。" });
    expect(await t.db.$count(trainingRegistrations, eq(trainingRegistrations.sessionId, sessions.onsite.id))).toBe(1);
  });
});

describe("confirming, approving, returning", () => {
  async function confirmed(db: Db) {
    const s = await setting(db);
    const saved = dataOf(await run(db, registerCommand, { ...s.base, unitId: s.changan.id, sessionId: s.sessions.online.id, ...administrator }, s.county));
    const { version } = dataOf(await run(db, confirmRegistrationCommand, { ...s.base, registrationId: saved.registrationId, expectedVersion: saved.version }, s.county));
    return { ...s, registrationId: saved.registrationId, version };
  }

  it("the unit confirms its own 回执; the city may not confirm for it, nor approve a draft", async () => {
    const s = await setting(t.db);
    const saved = dataOf(await run(t.db, registerCommand, { ...s.base, unitId: s.changan.id, sessionId: s.sessions.online.id, ...administrator }, s.county));
    expect(await run(t.db, confirmRegistrationCommand, { ...s.base, registrationId: saved.registrationId, expectedVersion: saved.version }, s.city)).toMatchObject({ ok: false, formError: expect.stringContaining("由参训单位本身") });
    expect(await run(t.db, approveRegistrationsCommand, { ...s.base, registrationId: saved.registrationId, expectedVersion: saved.version }, s.city)).toMatchObject({ ok: false, formError: expect.stringContaining("尚未确认") });
    expect(await run(t.db, confirmRegistrationCommand, { ...s.base, registrationId: saved.registrationId, expectedVersion: 9 }, s.county)).toMatchObject({ ok: false, formError: expect.stringContaining("另一窗口") });
    dataOf(await run(t.db, confirmRegistrationCommand, { ...s.base, registrationId: saved.registrationId, expectedVersion: saved.version }, s.county));
    expect(await registrationOf(t.db, s.changan.id)).toMatchObject({ state: "confirmed" });
  });

  it("the city returns one with a reason, then approves every confirmed one at once", async () => {
    const s = await confirmed(t.db);
    expect(await run(t.db, returnRegistrationCommand, { ...s.base, registrationId: s.registrationId, expectedVersion: s.version, reason: " " }, s.city)).toMatchObject({ ok: false, fieldErrors: { reason: "退回原因：请填写" } });
    dataOf(await run(t.db, returnRegistrationCommand, { ...s.base, registrationId: s.registrationId, expectedVersion: s.version, reason: "请改派信息中心人员" }, s.city));
    expect(await registrationOf(t.db, s.changan.id)).toMatchObject({ state: "draft" });
    const mails = await t.db.select().from(emailOutbox).where(eq(emailOutbox.kind, "training_returned"));
    expect(mails.map((m) => m.toAddress)).toEqual([COUNTY_EMAIL]);
    expect(mails[0].text).toContain("退回原因：请改派信息中心人员");
    const countyPage = await getReceiptsPageForActor({ db: t.db, actor: s.county, campaignId: s.campaign.id });
    expect(countyPage?.view === "unit" && countyPage.own?.phases[0].registration?.returnReason).toBe("请改派信息中心人员");
    const back = await registrationOf(t.db, s.changan.id);
    dataOf(await run(t.db, confirmRegistrationCommand, { ...s.base, registrationId: s.registrationId, expectedVersion: back.version }, s.county));
    expect(dataOf(await run(t.db, approveRegistrationsCommand, s.base, s.city))).toEqual({ approved: 1 });
    expect(await registrationOf(t.db, s.changan.id)).toMatchObject({ state: "approved" });
    expect(await run(t.db, approveRegistrationsCommand, s.base, s.city)).toMatchObject({ ok: false, formError: expect.stringContaining("没有待审核的回执") });
    const locked = await run(t.db, registerCommand, { ...s.base, unitId: s.changan.id, sessionId: s.sessions.onsite.id, ...administrator, expectedVersion: back.version + 2 }, s.county);
    expect(locked).toMatchObject({ ok: false, formError: expect.stringContaining("已由市级审核通过") });
  });

  it("answers another city's registration 404, audited", async () => {
    const s = await confirmed(t.db);
    const tangshan = await actorFor(t.db, TANGSHAN_EMAIL);
    const mark = await lastAuditId(t.db);
    expect(await run(t.db, approveRegistrationsCommand, { ...s.base, registrationId: s.registrationId, expectedVersion: s.version }, tangshan)).toMatchObject({ ok: false, notFound: true });
    const [own] = await t.db.select().from(submissions).where(and(eq(submissions.campaignId, s.campaign.id), eq(submissions.unitId, tangshan.unitId)));
    expect(await run(t.db, returnRegistrationCommand, { submissionId: own.id, registrationId: s.registrationId, expectedVersion: s.version, reason: "x" }, tangshan)).toMatchObject({ ok: false, notFound: true });
    expect((await deniedAudits(t.db, mark)).length).toBe(2);
    expect(await registrationOf(t.db, s.changan.id)).toMatchObject({ state: "confirmed" });
  });
});

/** 河北省示例机电工程学校 (province-affiliated) registers a substitute, confirms and submits its 回执. */
async function schoolSubmitted(db: Db, s: Awaited<ReturnType<typeof setting>>) {
  const school = await actorFor(db, "school@demo.baosong.cn");
  const [own] = await db.select().from(submissions).where(and(eq(submissions.campaignId, s.campaign.id), eq(submissions.unitId, school.unitId)));
  const saved = dataOf(await run(db, registerCommand, { submissionId: own.id, unitId: school.unitId, sessionId: s.sessions.online.id, ...substitute }, school));
  dataOf(await run(db, confirmRegistrationCommand, { submissionId: own.id, registrationId: saved.registrationId, expectedVersion: saved.version }, school));
  dataOf(await run(db, submitReceiptsCommand, { submissionId: own.id, expectedVersion: own.version }, school));
  return school;
}

describe("submitting the 回执", () => {
  it("lists what is missing, then submits once every covered unit is settled, and withdraws", async () => {
    const s = await setting(t.db);
    const refused = await run(t.db, submitReceiptsCommand, { ...s.base, expectedVersion: s.citySubmission.version }, s.city);
    expect(refused).toMatchObject({ ok: false, formError: expect.stringMatching(/^暂不能提交：「石家庄市教育局」系统集中培训尚未报名；.*另有 \d+ 项未完成。$/) });

    // Every covered unit but 长安区 approved (the city's own confirmed), written straight; 长安区 through the commands.
    const standings = await getPhaseStandings(t.db, { id: s.base.submissionId, unitId: s.city.unitId, campaignId: s.campaign.id });
    expect(standings.length).toBe(s.roster.rows.length);
    for (const st of standings.filter((x) => x.unitId !== s.changan.id))
      await t.db.insert(trainingRegistrations).values({ campaignId: s.campaign.id, submissionId: s.base.submissionId, sessionId: s.sessions.online.id, unitId: st.unitId, name: "王伟", position: "主任", phone: "13800138000", email: "w@example.com", state: st.unitId === s.city.unitId ? "confirmed" : "approved" });
    const saved = dataOf(await run(t.db, registerCommand, { ...s.base, unitId: s.changan.id, sessionId: s.sessions.online.id, ...administrator }, s.county));
    const pending = await run(t.db, submitReceiptsCommand, { ...s.base, expectedVersion: s.citySubmission.version }, s.city);
    expect(pending).toMatchObject({ ok: false, formError: "暂不能提交：「长安区教育局」系统集中培训尚未确认。" });
    const { version } = dataOf(await run(t.db, confirmRegistrationCommand, { ...s.base, registrationId: saved.registrationId, expectedVersion: saved.version }, s.county));
    expect(await run(t.db, submitReceiptsCommand, { ...s.base, expectedVersion: s.citySubmission.version }, s.city)).toMatchObject({ ok: false, formError: "暂不能提交：「长安区教育局」系统集中培训待市级审核。" });
    dataOf(await run(t.db, approveRegistrationsCommand, { ...s.base, registrationId: saved.registrationId, expectedVersion: version }, s.city));

    expect(await run(t.db, submitReceiptsCommand, { ...s.base, expectedVersion: s.citySubmission.version - 1 }, s.city)).toMatchObject({ ok: false, formError: expect.stringContaining("请复制保存您的内容") });
    expect(await run(t.db, submitReceiptsCommand, { ...s.base, expectedVersion: s.citySubmission.version }, s.county)).toMatchObject({ ok: false, formError: expect.stringContaining("只有报送单位的填报员") });
    const late = new Date(TRAINING_DEADLINE.getTime() + 60_000);
    const submitted = dataOf(await run(t.db, submitReceiptsCommand, { ...s.base, expectedVersion: s.citySubmission.version }, s.city, late));
    expect(submitted.late).toBe(true);
    expect(await run(t.db, registerCommand, { ...s.base, unitId: s.changan.id, sessionId: s.sessions.onsite.id, ...administrator, expectedVersion: version + 1 }, s.county)).toMatchObject({ ok: false, formError: expect.stringContaining("已提交或已审核") });
    const withdrawn = dataOf(await run(t.db, withdrawReceiptsCommand, { ...s.base, expectedVersion: submitted.version }, s.city));
    const [after] = await t.db.select().from(submissions).where(eq(submissions.id, s.base.submissionId));
    expect(after).toMatchObject({ status: "draft", late: false, version: withdrawn.version });
    expect(await run(t.db, withdrawReceiptsCommand, { ...s.base, expectedVersion: withdrawn.version }, s.city)).toMatchObject({ ok: false, formError: expect.stringContaining("不能撤回") });
  });

  it("a province-affiliated school's own confirmation settles its 回执", async () => {
    const s = await setting(t.db);
    const school = await schoolSubmitted(t.db, s);
    const [own] = await t.db.select().from(submissions).where(and(eq(submissions.campaignId, s.campaign.id), eq(submissions.unitId, school.unitId)));
    expect(own).toMatchObject({ status: "submitted", late: false });
  });

  it("the engine's reminder slot reaches the unsubmitted 回执 and not the submitted", async () => {
    const s = await setting(t.db);
    const school = await schoolSubmitted(t.db, s);
    await runReminderTick({ db: t.db, now: new Date(TRAINING_DEADLINE.getTime() - 1440 * 60_000 + 60_000) });
    const reminders = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.campaignId, s.campaign.id), sql`${emailOutbox.subject} like '【催报提醒】%'`));
    expect(reminders.some((e) => e.unitId === s.city.unitId)).toBe(true);
    expect(reminders.some((e) => e.unitId === school.unitId)).toBe(false);
  });
});

describe("the 回执 page", () => {
  it("shows the county its own form pre-filled, the city every covered unit's 回执, the province every substitution", async () => {
    const s = await setting(t.db);
    const index = s.roster.rows.findIndex((r) => r.unitId === s.changan.id);
    const county = await getReceiptsPageForActor({ db: t.db, actor: s.county, campaignId: s.campaign.id });
    if (county?.view !== "unit") throw new Error("expected the unit view");
    expect(county).toMatchObject({ isFiller: false, city: null, missing: [] });
    expect(county.own).toMatchObject({ unitId: s.changan.id, administrator: { name: adminName(index), phone: adminPhone(index) }, mayWrite: true });
    expect(county.own!.phases.map((p) => [p.ordinal, p.sessions.map((x) => x.seatsLeft)])).toEqual([[1, [200, 30]]]);

    dataOf(await run(t.db, registerCommand, { ...s.base, unitId: s.changan.id, sessionId: s.sessions.onsite.id, ...substitute }, s.county));
    const city = await getReceiptsPageForActor({ db: t.db, actor: s.city, campaignId: s.campaign.id });
    if (city?.view !== "unit") throw new Error("expected the unit view");
    expect(city.isFiller).toBe(true);
    expect(city.city!.rows.map((r) => [r.unitName, r.name, r.substituteReason, r.state])).toEqual([["长安区教育局", "李明", "原管理员休产假", "draft"]]);
    expect(city.missing[0]).toBe("「石家庄市教育局」系统集中培训尚未报名");
    expect(city.own!.phases[0].sessions.map((x) => x.seatsLeft)).toEqual([200, 29]);

    const province = await getReceiptsPageForActor({ db: t.db, actor: s.province, campaignId: s.campaign.id });
    if (province?.view !== "province") throw new Error("expected the province view");
    expect(province.reports.find((r) => r.id === s.base.submissionId)).toMatchObject({ status: "draft", settled: 0, expected: s.roster.rows.length });
    expect(province.substitutions.map((r) => [r.unitName, r.substituteReason, r.phone])).toEqual([["长安区教育局", "原管理员休产假", "139****5678"]]);

    const tangshan = await getReceiptsPageForActor({ db: t.db, actor: await actorFor(t.db, TANGSHAN_EMAIL), campaignId: s.campaign.id });
    expect(tangshan?.view === "unit" && tangshan.city!.rows).toEqual([]);
    const auditor = await actorFor(t.db, "auditor@demo.baosong.cn").catch(() => null);
    if (auditor) expect(await getReceiptsPageForActor({ db: t.db, actor: auditor, campaignId: s.campaign.id })).toBeNull();
    expect(await getReceiptsPageForActor({ db: t.db, actor: s.county, campaignId: s.roster.submission.campaignId })).toBeNull();
  });
});
