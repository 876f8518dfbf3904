// The province plans a training task (the task, its phases' dates and their announcement, sessions, seats per reporting
// unit), a city splits its seats, and seatsLeft answers what a unit may still take.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaignAssignments, campaigns, emailOutbox, trainingPhases, trainingQuotas, trainingRegistrations, trainingSessions, units, users } from "@/db/schema";
import type { Db } from "@/db/index";
import {
  announcePhaseCommand,
  createSessionCommand,
  createTrainingCommand,
  deleteSessionCommand,
  setPhaseDatesCommand,
  setQuotasCommand,
  splitQuotaCommand,
  updateSessionCommand,
} from "@/lib/training/plan/commands";
import { createTrainingCampaign } from "@/lib/training/lifecycle";
import { publishCampaign } from "@/lib/campaigns/lifecycle";
import { getNextPhaseByCampaigns, getSeatSplitForCity, getTrainingOverviewForActor } from "@/lib/training/plan/queries";
import { seatsLeft } from "@/lib/training/plan/seats";
import { actorFor, CHANGAN, COUNTY_EMAIL, freshSeededDatabaseEachTest, dataOf, NOW, run, TANGSHAN, TANGSHAN_EMAIL, unitByCode } from "../support/actors";
import { publishedTraining } from "../support/training";

const t = freshSeededDatabaseEachTest();

const SESSION = {
  title: "系统集中培训（第二场）",
  mode: "online",
  date: "2025-03-20",
  startTime: "09:00",
  endTime: "12:00",
  place: "",
  meetingLink: "https://meeting.example.cn/j/2025002",
  capacity: 50,
  audience: ["school"],
  remedial: false,
};

async function register(db: Db, f: Awaited<ReturnType<typeof publishedTraining>>, sessionId: number, unitId: number, i: number) {
  await db.insert(trainingRegistrations).values({
    campaignId: f.campaign.id,
    submissionId: f.citySubmission.id,
    sessionId,
    unitId,
    name: `参训${i}`,
    position: "管理员",
    phone: `1380000${String(1000 + i)}`,
    email: `p${i}@example.com`,
  });
}

describe("新建任务 of kind 系统应用培训", () => {
  it("saves a draft with three phases drawing on the province's roster task", async () => {
    const f = await publishedTraining(t.db);
    const input = {
      title: "关于开展系统应用培训的通知",
      docNumber: "冀教职成函〔2021〕28号",
      issuer: "河北省教育厅",
      body: "各市教育局：请做好培训准备。",
      contacts: [],
      tableNotes: "",
      deadlineDate: "2025-03-28",
      deadlineTime: "17:00",
      reminders: [],
      unitIds: [f.citySubmission.unitId],
      sourceCampaignId: f.roster.submission.campaignId,
    };
    const { campaignId } = dataOf(await run(t.db, createTrainingCommand, input, f.province));
    const [saved] = await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(saved).toMatchObject({ kind: "training", status: "draft", sourceCampaignId: f.roster.submission.campaignId, tableNotes: [] });
    expect(await t.db.$count(trainingPhases, eq(trainingPhases.campaignId, campaignId))).toBe(3);

    const fromTraining = await run(t.db, createTrainingCommand, { ...input, docNumber: "冀教职成函〔2021〕29号", sourceCampaignId: f.campaign.id }, f.province);
    expect(fromTraining).toMatchObject({ ok: false, fieldErrors: { sourceCampaignId: expect.stringContaining("参训人员来源") } });
  });
});

describe("phases: dates, 待定 and 发布日期通知", () => {
  it("sets dates, refuses an end before the start, and takes back the announcement when the dates change", async () => {
    const f = await publishedTraining(t.db);
    const phaseId = f.phases[0].id;
    expect(await run(t.db, setPhaseDatesCommand, { phaseId, startsOn: "2025-03-20", endsOn: "2025-03-10" }, f.province)).toMatchObject({
      ok: false,
      fieldErrors: { endsOn: expect.stringContaining("不能早于") },
    });
    expect(await run(t.db, setPhaseDatesCommand, { phaseId, startsOn: "2025-03-10", endsOn: "" }, f.province)).toMatchObject({ ok: false, fieldErrors: { endsOn: expect.any(String) } });
    dataOf(await run(t.db, setPhaseDatesCommand, { phaseId, startsOn: "2025-03-10", endsOn: "2025-03-14" }, f.province));
    dataOf(await run(t.db, announcePhaseCommand, { phaseId }, f.province));
    const [announced] = await t.db.select().from(trainingPhases).where(eq(trainingPhases.id, phaseId));
    expect(announced).toMatchObject({ startsOn: "2025-03-10", endsOn: "2025-03-14", announcedAt: NOW });
    expect(dataOf(await run(t.db, setPhaseDatesCommand, { phaseId, startsOn: "2025-03-10", endsOn: "2025-03-14" }, f.province)).changed).toBe(false);
    expect((await t.db.select().from(trainingPhases).where(eq(trainingPhases.id, phaseId)))[0].announcedAt).toEqual(NOW);
    dataOf(await run(t.db, setPhaseDatesCommand, { phaseId, startsOn: "", endsOn: "" }, f.province));
    expect((await t.db.select().from(trainingPhases).where(eq(trainingPhases.id, phaseId)))[0]).toMatchObject({ startsOn: null, endsOn: null, announcedAt: null });
  });

  it("emails every active user of every assigned unit once per dates, again for new dates; refuses 待定 and other provinces' phases", async () => {
    const f = await publishedTraining(t.db);
    const phaseId = f.phases[0].id;
    expect(await run(t.db, announcePhaseCommand, { phaseId }, f.province)).toMatchObject({ ok: false, formError: expect.stringContaining("尚未确定") });
    dataOf(await run(t.db, setPhaseDatesCommand, { phaseId, startsOn: "2025-03-10", endsOn: "2025-03-14" }, f.province));
    const { queued } = dataOf(await run(t.db, announcePhaseCommand, { phaseId }, f.province));
    const emails = await t.db.select().from(emailOutbox).where(eq(emailOutbox.kind, "training_phase_dates"));
    expect(emails.length).toBe(queued);
    expect(emails[0].subject).toBe("【培训日期通知】第一阶段 系统集中培训：2025年3月10日—3月14日");
    expect(emails[0].text).toContain(`/training/${f.campaign.id}`);
    // Every active user of an assigned unit hears it once; 唐山's officer, invited but not yet active, does not.
    const addresses = emails.map((e) => e.toAddress);
    const assignedUsers = await t.db
      .select({ email: users.email })
      .from(users)
      .innerJoin(campaignAssignments, eq(campaignAssignments.unitId, users.unitId))
      .where(and(eq(campaignAssignments.campaignId, f.campaign.id), eq(users.status, "active")));
    expect(assignedUsers.length).toBeGreaterThanOrEqual(2);
    for (const { email } of assignedUsers) expect(addresses.filter((a) => a === email), email).toHaveLength(1);
    expect(addresses).toContain(f.city.email);
    expect(addresses).not.toContain(TANGSHAN_EMAIL);
    expect(addresses).not.toContain(f.province.email);

    expect(dataOf(await run(t.db, announcePhaseCommand, { phaseId }, f.province)).queued).toBe(0);
    dataOf(await run(t.db, setPhaseDatesCommand, { phaseId, startsOn: "2025-03-17", endsOn: "2025-03-21" }, f.province));
    expect(dataOf(await run(t.db, announcePhaseCommand, { phaseId }, f.province)).queued).toBe(queued);

    const tangshan = await actorFor(t.db, TANGSHAN_EMAIL);
    expect(await run(t.db, announcePhaseCommand, { phaseId }, tangshan)).toMatchObject({ ok: false, formError: expect.any(String) });
  });

  it("tells 我的任务 the next phase: 待定 until announced, then its dates", async () => {
    const f = await publishedTraining(t.db);
    const next = () => getNextPhaseByCampaigns({ db: t.db, campaignIds: [f.campaign.id], today: "2025-03-03" });
    expect((await next()).get(f.campaign.id)).toBe("第一阶段 系统集中培训：待定（另行通知）");
    dataOf(await run(t.db, setPhaseDatesCommand, { phaseId: f.phases[0].id, startsOn: "2025-03-10", endsOn: "2025-03-14" }, f.province));
    expect((await next()).get(f.campaign.id)).toBe("第一阶段 系统集中培训：待定（另行通知）");
    dataOf(await run(t.db, announcePhaseCommand, { phaseId: f.phases[0].id }, f.province));
    expect((await next()).get(f.campaign.id)).toBe("第一阶段 系统集中培训：2025年3月10日—3月14日");
    expect((await getNextPhaseByCampaigns({ db: t.db, campaignIds: [f.campaign.id], today: "2025-03-15" })).get(f.campaign.id)).toBe(
      "第二阶段 2020学年度业务数据采集：待定（另行通知）",
    );
  });
});

describe("sessions", () => {
  it("creates, edits with the version it saw (a stale edit names who changed it), and deletes while nobody registered", async () => {
    const f = await publishedTraining(t.db);
    const created = dataOf(await run(t.db, createSessionCommand, { ...SESSION, phaseId: f.phases[0].id }, f.province));
    const [session] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, created.sessionId));
    expect(session).toMatchObject({ mode: "online", place: null, capacity: 50, audience: ["school", "college"], startsAt: new Date("2025-03-20T01:00:00Z") });

    const edited = dataOf(await run(t.db, updateSessionCommand, { ...SESSION, capacity: 60, sessionId: created.sessionId, expectedVersion: created.version }, f.province));
    expect(edited.version).toBe(created.version + 1);
    const stale = await run(t.db, updateSessionCommand, { ...SESSION, capacity: 70, sessionId: created.sessionId, expectedVersion: created.version }, f.province);
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("该场次已在另一窗口中修改") });

    dataOf(await run(t.db, deleteSessionCommand, { sessionId: created.sessionId }, f.province));
    expect(await t.db.$count(trainingSessions, eq(trainingSessions.id, created.sessionId))).toBe(0);
  });

  it("refuses a link that is not https, an on-site session without a place, an end before the start", async () => {
    const f = await publishedTraining(t.db);
    const phaseId = f.phases[0].id;
    expect(await run(t.db, createSessionCommand, { ...SESSION, phaseId, meetingLink: "http://x.cn/1" }, f.province)).toMatchObject({ ok: false, fieldErrors: { meetingLink: expect.any(String) } });
    expect(await run(t.db, createSessionCommand, { ...SESSION, phaseId, mode: "onsite" }, f.province)).toMatchObject({ ok: false, fieldErrors: { place: expect.any(String) } });
    expect(await run(t.db, createSessionCommand, { ...SESSION, phaseId, endTime: "08:00" }, f.province)).toMatchObject({ ok: false, fieldErrors: { endTime: expect.any(String) } });
  });

  it("keeps a session with registrations, and its seats above what is given out", async () => {
    const f = await publishedTraining(t.db);
    const onsite = f.sessions.onsite;
    await register(t.db, f, onsite.id, f.citySubmission.unitId, 1);
    expect(await run(t.db, deleteSessionCommand, { sessionId: onsite.id }, f.province)).toMatchObject({ ok: false, formError: expect.stringContaining("不能删除") });
    dataOf(await run(t.db, setQuotasCommand, { sessionId: onsite.id, quotas: [{ unitId: f.citySubmission.unitId, seats: 20 }] }, f.province));
    const input = { ...SESSION, mode: "onsite", place: "省教育厅三楼会议室", meetingLink: "", capacity: 10, sessionId: onsite.id, expectedVersion: onsite.version };
    expect(await run(t.db, updateSessionCommand, input, f.province)).toMatchObject({ ok: false, fieldErrors: { capacity: expect.stringContaining("已分配 20 个") } });
  });
});

describe("seats", () => {
  it("the province gives seats to reporting units within the capacity, and not below what a city split", async () => {
    const f = await publishedTraining(t.db);
    const tangshan = await unitByCode(t.db, TANGSHAN);
    const sessionId = f.sessions.onsite.id;
    const over = await run(t.db, setQuotasCommand, { sessionId, quotas: [{ unitId: f.citySubmission.unitId, seats: 20 }, { unitId: tangshan.id, seats: 11 }] }, f.province);
    expect(over).toMatchObject({ ok: false, formError: "各单位名额合计 31 个，超过了该场次的 30 个名额，请减少 1 个。" });
    const changan = await unitByCode(t.db, CHANGAN);
    expect(await run(t.db, setQuotasCommand, { sessionId, quotas: [{ unitId: changan.id, seats: 2 }] }, f.province)).toMatchObject({ ok: false, formError: expect.stringContaining("报送单位") });
    dataOf(await run(t.db, setQuotasCommand, { sessionId, quotas: [{ unitId: f.citySubmission.unitId, seats: 20 }, { unitId: tangshan.id, seats: 10 }] }, f.province));

    dataOf(await run(t.db, splitQuotaCommand, { sessionId, quotas: [{ unitId: changan.id, seats: 5 }] }, f.city));
    expect(await run(t.db, setQuotasCommand, { sessionId, quotas: [{ unitId: f.citySubmission.unitId, seats: 4 }] }, f.province)).toMatchObject({
      ok: false,
      formError: expect.stringContaining("已向下分配 5 个名额"),
    });
  });

  it("a city splits its own seats among its counties and schools, and nobody else's", async () => {
    const f = await publishedTraining(t.db);
    const sessionId = f.sessions.onsite.id;
    const changan = await unitByCode(t.db, CHANGAN);
    expect(await run(t.db, splitQuotaCommand, { sessionId, quotas: [{ unitId: changan.id, seats: 1 }] }, f.city)).toMatchObject({ ok: false, formError: expect.stringContaining("尚未给本单位分配") });
    dataOf(await run(t.db, setQuotasCommand, { sessionId, quotas: [{ unitId: f.citySubmission.unitId, seats: 6 }] }, f.province));
    expect(await run(t.db, splitQuotaCommand, { sessionId, quotas: [{ unitId: changan.id, seats: 7 }] }, f.city)).toMatchObject({
      ok: false,
      formError: "分配合计 7 个，超过了本单位在该场次的 6 个名额，请减少 1 个。",
    });
    dataOf(await run(t.db, splitQuotaCommand, { sessionId, quotas: [{ unitId: changan.id, seats: 4 }] }, f.city));
    expect(await t.db.select({ unitId: trainingQuotas.unitId, seats: trainingQuotas.seats }).from(trainingQuotas).where(eq(trainingQuotas.sessionId, sessionId))).toEqual(
      expect.arrayContaining([{ unitId: changan.id, seats: 4 }, { unitId: f.citySubmission.unitId, seats: 6 }]),
    );
    const tangshan = await actorFor(t.db, TANGSHAN_EMAIL);
    expect(await run(t.db, splitQuotaCommand, { sessionId, quotas: [{ unitId: changan.id, seats: 1 }] }, tangshan)).toMatchObject({ ok: false, notFound: true });
  });

  it("seatsLeft: the capacity, the tightest quota on the unit's line less that subtree's other registrations", async () => {
    const f = await publishedTraining(t.db);
    const sessionId = f.sessions.onsite.id;
    const city = f.citySubmission.unitId;
    const changan = (await unitByCode(t.db, CHANGAN)).id;
    const [{ id: school }] = await t.db.select({ id: units.id }).from(units).where(and(eq(units.reportingParentId, city), eq(units.kind, "school"))).limit(1);
    const tangshan = (await unitByCode(t.db, TANGSHAN)).id;
    expect(await seatsLeft(t.db, sessionId, school)).toBe(30);

    dataOf(await run(t.db, setQuotasCommand, { sessionId, quotas: [{ unitId: city, seats: 6 }] }, f.province));
    expect(await seatsLeft(t.db, sessionId, tangshan)).toBe(0);
    expect(await seatsLeft(t.db, sessionId, school)).toBe(6);
    dataOf(await run(t.db, splitQuotaCommand, { sessionId, quotas: [{ unitId: changan, seats: 2 }] }, f.city));
    await register(t.db, f, sessionId, school, 1);
    await register(t.db, f, sessionId, city, 2);
    // A unit's own registration is its seat already: saving it again takes none more.
    expect(await seatsLeft(t.db, sessionId, school)).toBe(5);
    expect(await seatsLeft(t.db, sessionId, city)).toBe(5);
    expect(await seatsLeft(t.db, sessionId, changan)).toBe(2);
    await register(t.db, f, sessionId, changan, 3);
    expect(await seatsLeft(t.db, sessionId, changan)).toBe(2);
    expect(await seatsLeft(t.db, sessionId, school)).toBe(4);
    expect(await seatsLeft(t.db, sessionId, tangshan)).toBe(0);
  });
});

describe("the training pages' reads", () => {
  it("shows the overview to the units of an assigned city (unannounced dates still 待定), not to a city it is not assigned to", async () => {
    const f = await publishedTraining(t.db);
    dataOf(await run(t.db, setPhaseDatesCommand, { phaseId: f.phases[0].id, startsOn: "2025-03-10", endsOn: "2025-03-14" }, f.province));
    const county = await actorFor(t.db, COUNTY_EMAIL);
    const seen = await getTrainingOverviewForActor({ db: t.db, actor: county, campaignId: f.campaign.id });
    expect(seen?.phases[0]).toMatchObject({ startsOn: null, endsOn: null });
    expect(seen?.phases[0].sessions.map((s) => s.ownSeats)).toEqual([200, 30]);
    expect(seen).toMatchObject({ manages: false, splits: false });
    const planned = await getTrainingOverviewForActor({ db: t.db, actor: f.province, campaignId: f.campaign.id });
    expect(planned?.phases[0]).toMatchObject({ startsOn: "2025-03-10", endsOn: "2025-03-14" });
    expect(planned?.manages).toBe(true);
    expect((await getTrainingOverviewForActor({ db: t.db, actor: f.city, campaignId: f.campaign.id }))?.splits).toBe(true);

    // A training task for 石家庄 alone: 唐山 does not see it.
    const onlyShijiazhuang = await t.db.transaction(async (tx) => {
      const { title, issuer, body, contacts, tableNotes, deadline, reminderOffsets, ownerUnitId } = f.campaign;
      const fields = { title, issuer, body, contacts, tableNotes, deadline, reminderOffsets, ownerUnitId, docNumber: "冀教职成函〔2021〕30号" };
      const c = await createTrainingCampaign(tx, { ...fields, unitIds: [f.citySubmission.unitId], sourceCampaignId: f.roster.submission.campaignId });
      await publishCampaign(tx, c.id, f.province.unitId, NOW);
      return c;
    });
    const tangshan = await actorFor(t.db, TANGSHAN_EMAIL);
    expect(await getTrainingOverviewForActor({ db: t.db, actor: tangshan, campaignId: onlyShijiazhuang.id })).toBeNull();
    expect(await getTrainingOverviewForActor({ db: t.db, actor: f.city, campaignId: onlyShijiazhuang.id })).not.toBeNull();
    expect(await getTrainingOverviewForActor({ db: t.db, actor: f.city, campaignId: f.roster.submission.campaignId })).toBeNull();
  });

  it("gives a city its seats per session and its split", async () => {
    const f = await publishedTraining(t.db);
    const sessionId = f.sessions.onsite.id;
    const changan = await unitByCode(t.db, CHANGAN);
    dataOf(await run(t.db, setQuotasCommand, { sessionId, quotas: [{ unitId: f.citySubmission.unitId, seats: 6 }] }, f.province));
    dataOf(await run(t.db, splitQuotaCommand, { sessionId, quotas: [{ unitId: changan.id, seats: 2 }] }, f.city));
    const split = await getSeatSplitForCity({ db: t.db, actor: f.city, campaignId: f.campaign.id });
    expect(split?.citySeats).toEqual({ [sessionId]: 6 });
    expect(split?.quotas[sessionId]).toEqual({ [changan.id]: 2 });
    expect(split?.units.map((u) => u.id)).toContain(changan.id);
    expect(split?.units.map((u) => u.id)).not.toContain(f.citySubmission.unitId);
  });
});
