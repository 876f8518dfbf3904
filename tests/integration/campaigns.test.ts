import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { campaignAssignments, campaignAttachments, campaigns, emailOutbox, submissions, users } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER, DEMO_LOGINS } from "@/db/seed";
import { DENIED_MESSAGE } from "@/lib/core/errors";
import {
  addAttachmentCommand,
  closeCampaignCommand,
  createCampaignCommand,
  publishCampaignCommand,
  removeAttachmentCommand,
  reopenCampaignCommand,
  setUnitsCommand,
  updateNoticeCommand,
  updateScheduleCommand,
} from "@/lib/campaigns/commands";
import { getAttachmentForActor, getCampaignsForAdmin, getTasksByActor } from "@/lib/campaigns/queries";
import { contactSchema } from "@/lib/campaigns/schemas";
import { saveRowCommand } from "@/lib/roster/commands";
import { submitCommand } from "@/lib/submissions/commands";
import { formatDateTime } from "@/lib/time";
import {
  actorFor,
  auditOf,
  CHANGAN,
  CITY_EMAIL,
  COUNTY_EMAIL,
  dataOf,
  EXE_BYTES,
  fileOf,
  freshSeededDatabaseEachTest,
  NOW,
  PDF_BYTES,
  rowInput,
  run,
  SHIJIAZHUANG,
  TANGSHAN,
  TANGSHAN_EMAIL,
  unitByCode,
} from "../support/actors";

const world = freshSeededDatabaseEachTest();
const ADMIN_EMAIL = DEMO_LOGINS.find((l) => l.role === "province_admin")!.email;
const HOUR = 60 * 60 * 1000;
const QINHUANGDAO = "1303";

/** The form's values for a campaign due 2025-03-10 17:00 Beijing time, assigned to the units with these codes. */
async function campaignInput(db: Db, unitCodes: string[], overrides: Record<string, unknown> = {}) {
  const unitIds = await Promise.all(unitCodes.map(async (code) => (await unitByCode(db, code)).id));
  return {
    title: "关于报送2025年职业院校信息化联络员的通知",
    docNumber: "冀教办函〔2025〕3号",
    issuer: "河北省教育厅办公室",
    body: "各市教育局：\n\n请于截止时间前报送。",
    tableNotes: "各单位系统管理员仅限一名。",
    contacts: [{ name: "孙志河", phone: "0311-66005705", email: "724456068@qq.com", role: "业务联系人" }],
    deadlineDate: "2025-03-10",
    deadlineTime: "17:00",
    reminders: [
      { when: "before", amount: 1, unit: "day" },
      { when: "after", amount: 1, unit: "hour" },
    ],
    unitIds,
    ...overrides,
  };
}

async function createDraft(db: Db, unitCodes: string[], overrides: Record<string, unknown> = {}): Promise<number> {
  const admin = await actorFor(db, ADMIN_EMAIL);
  return dataOf(await run(db, createCampaignCommand, await campaignInput(db, unitCodes, overrides), admin)).campaignId;
}

async function campaignById(db: Db, id: number) {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

async function writes(db: Db) {
  return {
    campaigns: await db.$count(campaigns),
    assignments: await db.$count(campaignAssignments),
    submissions: await db.$count(submissions),
    emails: await db.$count(emailOutbox),
    attachments: await db.$count(campaignAttachments),
  };
}

/** Makes a fixture user an active account, as activation would. */
async function activate(db: Db, email: string) {
  await db.update(users).set({ status: "active", passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$fixture$fixture" }).where(eq(users.email, email));
}

describe("creating a campaign", () => {
  it("saves a draft with its units and schedule, visible to no reporting unit", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const result = await run(db, createCampaignCommand, await campaignInput(db, [SHIJIAZHUANG, TANGSHAN]), admin);
    const { campaignId } = dataOf(result);

    expect(await campaignById(db, campaignId)).toMatchObject({
      status: "draft",
      publishedAt: null,
      deadline: new Date("2025-03-10T09:00:00Z"),
      reminderOffsets: [-1440, 60],
      contacts: [{ name: "孙志河", phone: "0311-66005705", email: "724456068@qq.com", role: "业务联系人" }],
    });
    const assigned = await db.select().from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId));
    expect(assigned.map((a) => a.unitId).sort()).toEqual([(await unitByCode(db, SHIJIAZHUANG)).id, (await unitByCode(db, TANGSHAN)).id].sort());
    expect(await db.$count(submissions, eq(submissions.campaignId, campaignId))).toBe(0);

    for (const email of [CITY_EMAIL, TANGSHAN_EMAIL, COUNTY_EMAIL]) {
      const tasks = await getTasksByActor({ db, actor: await actorFor(db, email) });
      expect(tasks.map((t) => t.id)).not.toContain(campaignId);
    }
    const [audit] = await auditOf(db, "campaign.create");
    expect(audit).toMatchObject({ outcome: "success", userId: admin.userId, targetType: "campaign", targetId: String(campaignId), at: NOW });
  });

  it("refuses a unit that reports inside its city's table, and a 文号 already in use, writing nothing", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const before = await writes(db);

    const county = await run(db, createCampaignCommand, await campaignInput(db, [SHIJIAZHUANG, CHANGAN]), admin);
    expect(county).toMatchObject({ ok: false, fieldErrors: { unitIds: "报送单位：「长安区教育局」不直接向省教育厅报送，其信息由所属市级单位汇总填报" } });

    const taken = await run(db, createCampaignCommand, await campaignInput(db, [SHIJIAZHUANG], { docNumber: CAMPAIGN_DOC_NUMBER }), admin);
    expect(taken).toMatchObject({ ok: false, fieldErrors: { docNumber: "文号：已被任务「关于做好全国中等职业学校管理信息系统应用准备工作的通知」使用，请核对" } });

    const missing = await run(db, createCampaignCommand, await campaignInput(db, [SHIJIAZHUANG], { unitIds: [2_000_000] }), admin);
    expect(missing).toMatchObject({ ok: false, fieldErrors: { unitIds: expect.stringContaining("不存在") } });

    expect(await writes(db)).toEqual(before);
    expect((await auditOf(db, "campaign.create")).map((a) => a.outcome)).toEqual(["rejected", "rejected", "rejected"]);
  });

  it("is for the province administrator alone", async () => {
    const { db } = world;
    const before = await writes(db);
    for (const email of [CITY_EMAIL, DEMO_LOGINS.find((l) => l.role === "province_reviewer")!.email]) {
      const result = await run(db, createCampaignCommand, await campaignInput(db, [SHIJIAZHUANG]), await actorFor(db, email));
      expect(result).toEqual({ ok: false, formError: DENIED_MESSAGE });
    }
    expect(await writes(db)).toEqual(before);
  });
});

describe("publishing", () => {
  it("opens one draft submission per unit, shows it in their 我的任务 and queues the notice to their active users, in one transaction", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    await activate(db, TANGSHAN_EMAIL);
    const campaignId = await createDraft(db, [SHIJIAZHUANG, TANGSHAN]);

    const result = await run(db, publishCampaignCommand, { campaignId }, admin);
    expect(dataOf(result)).toEqual({ units: 2, emails: 2 });

    expect(await campaignById(db, campaignId)).toMatchObject({ status: "published", publishedAt: NOW });
    const opened = await db.select().from(submissions).where(eq(submissions.campaignId, campaignId));
    expect(opened.map((s) => s.status)).toEqual(["draft", "draft"]);
    const assignments = await db.select().from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId));
    expect(opened.map((s) => s.assignmentId).sort()).toEqual(assignments.map((a) => a.id).sort());

    // Both cities' officers see it, and so does a county inside 石家庄 (it fills its rows there); 秦皇岛 does not.
    for (const email of [CITY_EMAIL, TANGSHAN_EMAIL, COUNTY_EMAIL]) {
      const task = (await getTasksByActor({ db, actor: await actorFor(db, email) })).find((t) => t.id === campaignId);
      expect(task, email).toMatchObject({ status: "published", submissionStatus: "draft", deadline: new Date("2025-03-10T09:00:00Z") });
    }
    const qinhuangdao = await unitByCode(db, QINHUANGDAO);
    const outsider = { ...(await actorFor(db, CITY_EMAIL)), unitId: qinhuangdao.id };
    expect((await getTasksByActor({ db, actor: outsider })).map((t) => t.id)).not.toContain(campaignId);

    // One email per active user of an assigned unit: 石家庄's invited second officer gets none.
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.campaignId, campaignId)).orderBy(emailOutbox.id);
    expect(emails.map((e) => e.toAddress).sort()).toEqual([CITY_EMAIL, TANGSHAN_EMAIL].sort());
    for (const email of emails) {
      expect(email).toMatchObject({ kind: "campaign_published", status: "pending", subject: "【新任务】关于报送2025年职业院校信息化联络员的通知", createdAt: NOW });
      expect(email.text).toContain("冀教办函〔2025〕3号");
      expect(email.text).toContain(`截止时间为 ${formatDateTime(new Date("2025-03-10T09:00:00Z"))}（北京时间）`);
      expect(email.text).toContain(`/campaigns/${campaignId}`);
      expect(email.text).toContain("业务联系人：孙志河，电话 0311-66005705");
    }

    const [audit] = await auditOf(db, "campaign.publish");
    const xmin = async (table: string, id: number) => (await db.execute<{ x: string }>(sql`select xmin::text as x from ${sql.identifier(table)} where id = ${id}`))[0].x;
    const tx = await xmin("campaigns", campaignId);
    expect(await xmin("submissions", opened[0].id)).toBe(tx);
    expect(await xmin("email_outbox", emails[0].id)).toBe(tx);
    expect(await xmin("audit_log", Number(audit.id))).toBe(tx);
  });

  it("refuses a draft without units, one whose deadline has passed, and a second publish, leaving nothing behind", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const empty = await createDraft(db, [], { docNumber: "冀教办函〔2025〕4号" });
    const overdue = await createDraft(db, [SHIJIAZHUANG], { docNumber: "冀教办函〔2025〕5号", deadlineDate: "2025-03-03", deadlineTime: "09:59" });
    const before = await writes(db);

    expect(await run(db, publishCampaignCommand, { campaignId: empty }, admin)).toMatchObject({ ok: false, formError: expect.stringContaining("尚未选择报送单位") });
    expect(await run(db, publishCampaignCommand, { campaignId: overdue }, admin)).toMatchObject({ ok: false, formError: expect.stringContaining("截止时间已过") });
    expect(await writes(db)).toEqual(before);
    expect((await campaignById(db, overdue)).status).toBe("draft");

    // Moving the deadline one minute past now is enough; the second publish is refused and queues nothing more.
    dataOf(await run(db, updateScheduleCommand, { campaignId: overdue, deadlineDate: "2025-03-03", deadlineTime: "10:01", reminders: [] }, admin));
    dataOf(await run(db, publishCampaignCommand, { campaignId: overdue }, admin));
    const published = await writes(db);
    expect(await run(db, publishCampaignCommand, { campaignId: overdue }, admin)).toMatchObject({ ok: false, formError: "该任务已经发布，无需重复发布。" });
    expect(await writes(db)).toEqual(published);
  });

  it("keeps a published campaign's units: they already hold submissions", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const campaignId = await createDraft(db, [SHIJIAZHUANG]);
    const tangshan = await unitByCode(db, TANGSHAN);
    dataOf(await run(db, setUnitsCommand, { campaignId, unitIds: [tangshan.id] }, admin));
    expect((await db.select().from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId))).map((a) => a.unitId)).toEqual([tangshan.id]);

    dataOf(await run(db, publishCampaignCommand, { campaignId }, admin));
    const result = await run(db, setUnitsCommand, { campaignId, unitIds: [(await unitByCode(db, SHIJIAZHUANG)).id] }, admin);
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining("报送单位不能再更改") });
    expect((await db.select().from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId))).map((a) => a.unitId)).toEqual([tangshan.id]);
  });
});

describe("closing and reopening", () => {
  it("closing stops every edit and submission of the units and of the province; reopening lets them continue", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const officer = await actorFor(db, CITY_EMAIL);
    const campaignId = await createDraft(db, [SHIJIAZHUANG]);
    dataOf(await run(db, publishCampaignCommand, { campaignId }, admin));
    const [submission] = await db.select().from(submissions).where(eq(submissions.campaignId, campaignId));
    const bureau = await unitByCode(db, SHIJIAZHUANG);

    dataOf(await run(db, closeCampaignCommand, { campaignId }, admin, new Date(NOW.getTime() + HOUR)));
    expect(await campaignById(db, campaignId)).toMatchObject({ status: "closed", closedAt: new Date(NOW.getTime() + HOUR) });

    expect(await run(db, saveRowCommand, rowInput(submission.id, bureau.id), officer)).toMatchObject({ ok: false, formError: "本任务已结束，不再接受提交或修改。" });
    expect(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, officer)).toMatchObject({ ok: false, formError: "本任务已结束，不再接受提交或修改。" });
    const { contacts, ...rest } = await campaignInput(db, []);
    const notice = { campaignId, title: rest.title, docNumber: rest.docNumber, issuer: rest.issuer, body: "改过的正文", contacts, tableNotes: rest.tableNotes };
    expect(await run(db, updateNoticeCommand, notice, admin)).toMatchObject({ ok: false, formError: expect.stringContaining("本任务已结束") });
    expect(await run(db, updateScheduleCommand, { campaignId, deadlineDate: "2025-03-20", deadlineTime: "17:00", reminders: [] }, admin)).toMatchObject({ ok: false });
    expect(await run(db, addAttachmentCommand, { campaignId, file: fileOf(PDF_BYTES, "a.pdf") }, admin)).toMatchObject({ ok: false });
    expect(await run(db, closeCampaignCommand, { campaignId }, admin)).toMatchObject({ ok: false, formError: "该任务已经结束。" });
    expect((await campaignById(db, campaignId)).body).toBe("各市教育局：\n\n请于截止时间前报送。");

    dataOf(await run(db, reopenCampaignCommand, { campaignId }, admin));
    expect(await campaignById(db, campaignId)).toMatchObject({ status: "published", closedAt: null });
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, bureau.id), officer));
    expect(await run(db, reopenCampaignCommand, { campaignId }, admin)).toMatchObject({ ok: false, formError: "只有已结束的任务可以重新开启。" });
  });
});

describe("the schedule of a running campaign", () => {
  it("moves the deadline and replaces the reminder slots, but not into the past", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const campaignId = await createDraft(db, [SHIJIAZHUANG]);
    dataOf(await run(db, publishCampaignCommand, { campaignId }, admin));

    const reminders = [
      { when: "after", amount: 2, unit: "hour" },
      { when: "before", amount: 2, unit: "day" },
      { when: "before", amount: 30, unit: "minute" },
    ];
    dataOf(await run(db, updateScheduleCommand, { campaignId, deadlineDate: "2025-03-12", deadlineTime: "12:00", reminders }, admin));
    expect(await campaignById(db, campaignId)).toMatchObject({ deadline: new Date("2025-03-12T04:00:00Z"), reminderOffsets: [-2880, -30, 120] });

    const past = await run(db, updateScheduleCommand, { campaignId, deadlineDate: "2025-03-03", deadlineTime: "09:00", reminders: [] }, admin);
    expect(past).toMatchObject({ ok: false, fieldErrors: { deadlineDate: "截止时间：不能早于当前时间，请重新选择" } });
    expect((await campaignById(db, campaignId)).deadline).toEqual(new Date("2025-03-12T04:00:00Z"));
  });
});

describe("attachments", () => {
  it("stores a PDF or an Office file by what its bytes are, and refuses anything else with a field error", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const campaignId = await createDraft(db, [SHIJIAZHUANG]);

    const pdf = dataOf(await run(db, addAttachmentCommand, { campaignId: String(campaignId), file: fileOf(PDF_BYTES, "通知.pdf", "application/pdf") }, admin));
    expect(pdf.fileName).toBe("通知.pdf");
    const [stored] = await db.select().from(campaignAttachments).where(eq(campaignAttachments.id, pdf.attachmentId));
    expect(stored).toMatchObject({ campaignId, mimeType: "application/pdf", size: PDF_BYTES.length, uploadedAt: NOW });
    expect(Buffer.compare(stored.content, PDF_BYTES)).toBe(0);

    const before = await writes(db);
    const exe = await run(db, addAttachmentCommand, { campaignId, file: fileOf(EXE_BYTES, "实名信息表.xlsx") }, admin);
    expect(exe).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("附件须为 PDF、Word（.docx）或 Excel（.xlsx）文件") } });
    const huge = await run(db, addAttachmentCommand, { campaignId, file: fileOf(Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024)]), "大.pdf") }, admin);
    expect(huge).toMatchObject({ ok: false, fieldErrors: { file: "附件不能超过 10 MB，请压缩后重新上传" } });
    expect(await writes(db)).toEqual(before);

    dataOf(await run(db, removeAttachmentCommand, { campaignId, attachmentId: pdf.attachmentId }, admin));
    expect(await db.$count(campaignAttachments, eq(campaignAttachments.campaignId, campaignId))).toBe(0);
    expect(await run(db, removeAttachmentCommand, { campaignId, attachmentId: pdf.attachmentId }, admin)).toMatchObject({ ok: false, notFound: true });
  });

  it("opens an attachment to whoever may see its campaign: the province always, a unit once published and assigned", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const campaignId = await createDraft(db, [SHIJIAZHUANG]);
    const { attachmentId } = dataOf(await run(db, addAttachmentCommand, { campaignId, file: fileOf(PDF_BYTES, "通知.pdf") }, admin));
    const open = async (email: string) => getAttachmentForActor({ db, actor: await actorFor(db, email), campaignId, attachmentId });

    expect(await open(ADMIN_EMAIL)).toMatchObject({ id: attachmentId });
    expect(await open(CITY_EMAIL)).toBeNull();
    dataOf(await run(db, publishCampaignCommand, { campaignId }, admin));
    expect(await open(CITY_EMAIL)).toMatchObject({ id: attachmentId });
    expect(await open(COUNTY_EMAIL)).toMatchObject({ id: attachmentId });
    expect(await open(TANGSHAN_EMAIL)).toBeNull();
    // The id of another campaign's attachment does not open through this campaign.
    const seeded = (await db.select().from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER)))[0];
    expect(await getAttachmentForActor({ db, actor: await actorFor(db, CITY_EMAIL), campaignId: seeded.id, attachmentId })).toBeNull();
  });
});

describe("任务管理's list", () => {
  it("counts each campaign's own assigned units and reported submissions", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const { campaignId } = dataOf(await run(db, createCampaignCommand, await campaignInput(db, [SHIJIAZHUANG, TANGSHAN, QINHUANGDAO]), admin));
    const [seeded] = await db.select().from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER));
    const expected = async (id: number) => ({
      units: await db.$count(campaignAssignments, eq(campaignAssignments.campaignId, id)),
      submitted: await db.$count(submissions, and(eq(submissions.campaignId, id), sql`${submissions.status} in ('submitted', 'returned', 'approved')`)),
    });
    const list = await getCampaignsForAdmin({ db, actor: admin });
    const counts = (id: number) => list.find((c) => c.id === id);
    expect(counts(campaignId)).toMatchObject({ units: 3, submitted: 0 });
    expect(counts(seeded.id)).toMatchObject(await expected(seeded.id));
    expect((await expected(seeded.id)).units).toBeGreaterThan(3);
  });
});

describe("the seeded 2021 campaign", () => {
  it("is an ordinary campaign: its contacts are what the form would store, and saving its notice unchanged is accepted", async () => {
    const { db } = world;
    const admin = await actorFor(db, ADMIN_EMAIL);
    const [seeded] = await db.select().from(campaigns).where(eq(campaigns.docNumber, CAMPAIGN_DOC_NUMBER));
    expect(seeded).toMatchObject({ status: "published", reminderOffsets: [-4320, -1440, -180, 60] });
    for (const contact of seeded.contacts) expect(contactSchema.parse(contact)).toEqual(contact);

    // The attachment's three 填表说明, as the campaign page's form shows them: one per line.
    expect(seeded.tableNotes).toHaveLength(3);
    expect(seeded.tableNotes[1]).toBe("各单位系统管理员仅限一名，建议选择熟悉教育教学业务并有计算机技术基础的人员担任。");
    const { title, docNumber, issuer, body, contacts } = seeded;
    dataOf(await run(db, updateNoticeCommand, { campaignId: seeded.id, title, docNumber, issuer, body, contacts, tableNotes: seeded.tableNotes.join("\n") }, admin));
    expect(await campaignById(db, seeded.id)).toEqual(seeded);
    const assigned = await db.$count(campaignAssignments, eq(campaignAssignments.campaignId, seeded.id));
    expect(await db.$count(submissions, and(eq(submissions.campaignId, seeded.id), eq(submissions.status, "draft")))).toBe(assigned);
  });
});
