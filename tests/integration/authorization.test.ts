import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  auditLog,
  bulletins,
  campaignAssignments,
  campaignAttachments,
  campaigns,
  type CampaignStatus,
  delegations,
  discrepancies,
  discrepancyAttachments,
  emailOutbox,
  referenceRecords,
  referenceSnapshots,
  type Role,
  rosterEntries,
  submissionEvents,
  submissionScans,
  submissions,
  trainingAttendanceLines,
  trainingPhases,
  trainingQuestions,
  trainingQuotas,
  trainingRegistrations,
  trainingSessions,
  trainingSignInScans,
  units,
  users,
  verificationConfirmations,
  verificationRules,
  verificationTasks,
} from "@/db/schema";
import { DEMO_LOGINS, DEMO_PASSWORD, MINISTRY_CODE, PROVINCE_CODE, seedDatabase } from "@/db/seed";
import type { Actor } from "@/lib/core/actor";
import { type ActionResult, DENIED_MESSAGE } from "@/lib/core/errors";
import { type Command, executeCommand } from "@/lib/core/command";
import { may } from "@/lib/core/policy";
import { FILLER_ROLES, ROLES } from "@/lib/core/roles";
import { actorFor, lastAuditId as lastAuditIdOf } from "../support/actors";
import { createPublishedTraining } from "../support/training";
import { discrepancyOf, ruleOf } from "../support/discrepancies";
import { publishedVerification } from "../support/verification";
import { ensureRules } from "@/lib/verification/rules/defaults";
import { testDb } from "../support/database";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";
import { xlsxFrom } from "../unit/xlsx-fixtures";

const { db } = testDb();
const NOW = new Date("2021-11-22T02:00:00Z");

// ---------------------------------------------------------------------------------------------
// Every command that exists: each lib/**/commands.ts module, each exported value shaped like a Command.

type AnyCommand = Command<z.ZodType, unknown>;

const libDir = fileURLToPath(new URL("../../lib", import.meta.url));
const commandFiles = (readdirSync(libDir, { recursive: true }) as string[]).filter((f) => f === "commands.ts" || f.endsWith("/commands.ts"));

function isCommand(value: unknown): value is AnyCommand {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.name === "string" && typeof c.permission === "string" && typeof (c.input as { safeParse?: unknown })?.safeParse === "function" && typeof c.run === "function";
}

/** The roles the policy table lets run a command, sorted as ROLES lists them. */
const rolesOf = (command: AnyCommand): Role[] => ROLES.filter((r) => may(r, command.permission));

const discovered: AnyCommand[] = [];
for (const file of commandFiles.sort()) {
  const exported = (await import(/* @vite-ignore */ join(libDir, file))) as Record<string, unknown>;
  discovered.push(...Object.values(exported).filter(isCommand));
}

// ---------------------------------------------------------------------------------------------
// The table: for every command, who may run it and how to build an input aimed at a given submission and unit.
// A new command without a row here fails "the table covers every command".

/** `training`: the same unit's 回执 (its submission) of the published training task, and that task's two sessions. */
/** `verification`: the same unit's submission of the published verification task. */
type Target = { submissionId: number; unitId: number; schoolCode: string | null; training: TrainingTarget; verification: { campaignId: number; submissionId: number } };
type TrainingTarget = { campaignId: number; submissionId: number; onlineSessionId: number; onsiteSessionId: number; phaseIds: number[] };
/**
 * `ownAccount`: the command acts on the actor's own account, so no target can lie outside its scope.
 * `input` may be given the role that runs it, for commands whose target depends on who acts (an account it manages).
 */
/**
 * `readsTable`: the command only reads a table the actor may open, as far as it sees it (「查看完整信息」): a county runs it on
 * its city's table for its own rows (privacy.test.ts checks which), and the province reads every table.
 */
/**
 * `delegate`: the input makes the target's unit a delegate of the target's table (分派填报), so a county acting through it
 * on its city's table is within its rights; delegation.test.ts checks what it may do there.
 */
/**
 * `ownUnit`: the command acts for the actor's own unit inside a task it takes part in (a training question), so a county
 * does so on its city's task; training-questions.test.ts checks what it may see there.
 */
type TableRow = { roles: readonly Role[]; ownAccount?: true; readsTable?: true; delegate?: true; ownUnit?: true; input(target: Target, role?: Role): Promise<Record<string, unknown>> };

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const TABLE: Record<string, TableRow> = {
  "roster.save_row": {
    roles: FILLER_ROLES,
    input: async (t) => ({
      submissionId: t.submissionId,
      unitId: t.unitId,
      expectedVersion: await rowVersion(t),
      name: "王芳",
      position: "信息中心主任",
      phone: "13800138000",
      email: "wangfang@example.com",
      schoolCode: t.schoolCode ?? "",
    }),
  },
  "roster.save_header": {
    roles: FILLER_ROLES,
    input: async (t) => ({ submissionId: t.submissionId, expectedVersion: await submissionVersion(t.submissionId), fillerName: "王芳", fillerPhone: "0311-66005705" }),
  },
  "roster.upload_scan": {
    roles: FILLER_ROLES,
    input: async (t) => ({
      submissionId: String(t.submissionId),
      expectedVersion: String(await submissionVersion(t.submissionId)),
      file: new File([PDF], "盖章表.pdf", { type: "application/pdf" }),
    }),
  },
  "roster.reveal_contacts": {
    roles: ["province_admin", "province_reviewer", ...FILLER_ROLES],
    readsTable: true,
    input: async (t) => ({ submissionId: t.submissionId, reason: "核对联系电话以便联系" }),
  },
  // 分派填报: the city decides who fills which row of its table; the county or school hands its rows in.
  "delegation.assign": {
    roles: ["city_officer"],
    input: async (t) => ({ submissionId: t.submissionId, unitIds: [t.unitId], collectSchools: true, deadlineDate: "2021-11-24", deadlineTime: "17:00" }),
  },
  "delegation.take_back": { roles: ["city_officer"], input: async (t) => ({ submissionId: t.submissionId, unitIds: [t.unitId] }) },
  "delegation.set_deadline": { roles: ["city_officer"], input: async (t) => ({ submissionId: t.submissionId, deadlineDate: "2021-11-24", deadlineTime: "17:00" }) },
  "delegation.confirm": { roles: ["city_officer"], input: async (t) => ({ submissionId: t.submissionId, unitIds: [t.unitId] }) },
  "delegation.return": { roles: ["city_officer"], input: async (t) => ({ submissionId: t.submissionId, unitId: t.unitId, reason: "请核对" }) },
  "delegation.invite": {
    roles: ["city_officer"],
    input: async (t) => {
      await delegationOf(t);
      return { submissionId: t.submissionId, unitId: t.unitId, name: "赵敏", phone: "13800138001", email: `delegate${t.unitId}@example.com` };
    },
  },
  "delegation.resend_activation": {
    roles: ["city_officer"],
    input: async (t) => {
      await delegationOf(t);
      return { submissionId: t.submissionId, unitId: t.unitId };
    },
  },
  "delegation.preview_import_contacts": { roles: ["city_officer"], input: async (t) => ({ submissionId: t.submissionId, file: contactsFileFor(t) }) },
  "delegation.import_contacts": {
    roles: ["city_officer"],
    input: async (t) => {
      await delegationOf(t);
      return withHash({ submissionId: t.submissionId, file: contactsFileFor(t) });
    },
  },
  // 分派给学校: a county collecting its schools decides on the rows it handed on to them; elsewhere it holds no delegation.
  "delegation.assign_schools": { roles: ["county_officer"], input: async (t) => ({ submissionId: t.submissionId, unitIds: [t.unitId], deadlineDate: "2021-11-24", deadlineTime: "17:00" }) },
  "delegation.take_back_schools": { roles: ["county_officer"], input: async (t) => ({ submissionId: t.submissionId, unitIds: [t.unitId] }) },
  "delegation.set_schools_deadline": {
    roles: ["county_officer"],
    delegate: true,
    input: async (t) => {
      await delegationOf(t);
      return { submissionId: t.submissionId, deadlineDate: "2021-11-24", deadlineTime: "17:00" };
    },
  },
  "delegation.confirm_schools": { roles: ["county_officer"], input: async (t) => ({ submissionId: t.submissionId, unitIds: [t.unitId] }) },
  "delegation.return_school": { roles: ["county_officer"], input: async (t) => ({ submissionId: t.submissionId, unitId: t.unitId, reason: "请核对" }) },
  "delegation.submit": { roles: ["county_officer", "school_staff"], delegate: true, input: delegationOf },
  "delegation.withdraw": { roles: ["county_officer", "school_staff"], delegate: true, input: delegationOf },
  "submission.submit": {
    roles: FILLER_ROLES,
    input: async (t) => ({ submissionId: t.submissionId, expectedVersion: await submissionVersion(t.submissionId) }),
  },
  "submission.withdraw": {
    roles: FILLER_ROLES,
    input: async (t) => ({ submissionId: t.submissionId, expectedVersion: await submissionVersion(t.submissionId) }),
  },
  // 培训回执: the unit itself registers and confirms (a county on its city's 回执 is within its rights); the city approves,
  // returns and submits. Decisions need a registration of the target's unit, written only when the role acts on its own.
  "training.register": {
    roles: FILLER_ROLES,
    delegate: true,
    input: async (t) => ({
      submissionId: t.training.submissionId,
      unitId: t.unitId,
      sessionId: t.training.onlineSessionId,
      expectedVersion: (await registrationVersion(t)) ?? null,
      substitute: true,
      name: "王芳",
      position: "信息中心主任",
      phone: "13800138000",
      email: "wangfang@example.com",
      substituteReason: "原管理员借调",
    }),
  },
  "training.confirm_registration": { roles: FILLER_ROLES, input: async (t, role) => ({ submissionId: t.training.submissionId, ...(await registrationOf(t, role, "draft")) }) },
  "training.approve_registrations": { roles: ["city_officer"], input: async (t, role) => ({ submissionId: t.training.submissionId, ...(await registrationOf(t, role, "confirmed")) }) },
  "training.return_registration": { roles: ["city_officer"], input: async (t, role) => ({ submissionId: t.training.submissionId, ...(await registrationOf(t, role, "confirmed")), reason: "请核对" }) },
  "training.submit_receipts": { roles: FILLER_ROLES, input: async (t) => ({ submissionId: t.training.submissionId, expectedVersion: await submissionVersion(t.training.submissionId) }) },
  "training.withdraw_receipts": { roles: FILLER_ROLES, input: async (t) => ({ submissionId: t.training.submissionId, expectedVersion: await submissionVersion(t.training.submissionId) }) },
  // Campaigns and bulletins are the province administrator's: each input gets a campaign of its own,
  // written without units (so without submissions) unless publishing needs one.
  "campaign.create": { roles: ["province_admin"], input: async () => ({ ...campaignNotice(), ...campaignSchedule(), unitIds: [unit("1301").id] }) },
  "campaign.update_notice": { roles: ["province_admin"], input: async () => ({ ...campaignNotice(), campaignId: await newCampaign("draft") }) },
  "campaign.set_units": { roles: ["province_admin"], input: async () => ({ campaignId: await newCampaign("draft"), unitIds: [unit("1301").id] }) },
  "campaign.update_schedule": { roles: ["province_admin"], input: async () => ({ ...campaignSchedule(), campaignId: await newCampaign("draft") }) },
  "campaign.publish": {
    roles: ["province_admin"],
    input: async () => {
      const campaignId = await newCampaign("draft");
      await db.insert(campaignAssignments).values({ campaignId, unitId: unit("4113000002").id });
      return { campaignId };
    },
  },
  "campaign.close": { roles: ["province_admin"], input: async () => ({ campaignId: await newCampaign("published") }) },
  "campaign.reopen": { roles: ["province_admin"], input: async () => ({ campaignId: await newCampaign("closed") }) },
  "campaign.add_attachment": {
    roles: ["province_admin"],
    input: async () => ({ campaignId: String(await newCampaign("draft")), file: new File([PDF], "通知.pdf", { type: "application/pdf" }) }),
  },
  "campaign.remove_attachment": {
    roles: ["province_admin"],
    input: async () => {
      const campaignId = await newCampaign("draft");
      const [attachment] = await db
        .insert(campaignAttachments)
        .values({ campaignId, fileName: "通知.pdf", mimeType: "application/pdf", size: PDF.length, content: PDF })
        .returning({ id: campaignAttachments.id });
      return { campaignId, attachmentId: attachment.id };
    },
  },
  "bulletin.generate": { roles: ["province_admin"], input: async (t) => ({ campaignId: await campaignOf(t.submissionId), title: "关于报送情况的通报" }) },
  "bulletin.publish": {
    roles: ["province_admin"],
    input: async (t) => {
      const [bulletin] = await db
        .insert(bulletins)
        .values({ campaignId: await campaignOf(t.submissionId), title: "关于报送情况的通报", data: {} })
        .returning({ id: bulletins.id });
      return { bulletinId: bulletin.id };
    },
  },
  // Review decisions and re-sending an issued account's activation are the provincial reviewer's.
  "review.open": { roles: ["province_reviewer"], input: async (t) => ({ submissionId: t.submissionId, expectedVersion: await submissionVersion(t.submissionId) }) },
  "review.approve": { roles: ["province_reviewer"], input: async (t) => ({ submissionId: t.submissionId, expectedVersion: await submissionVersion(t.submissionId) }) },
  "review.return": {
    roles: ["province_reviewer"],
    input: async (t) => ({ submissionId: t.submissionId, expectedVersion: await submissionVersion(t.submissionId), reason: "请核对", rowReasons: [{ unitId: t.unitId, reason: "请核对" }] }),
  },
  "account.change_password": {
    roles: ROLES,
    ownAccount: true,
    input: async () => ({ currentPassword: DEMO_PASSWORD, password: "Kp4$wq9!Lm2z", confirm: "Kp4$wq9!Lm2z" }),
  },
  "account.resend_activation": { roles: ["province_reviewer"], input: async (t) => ({ submissionId: t.submissionId, unitId: t.unitId }) },
  // The second factor: every role may enrol and give its own (a filler is refused while FILLER_SECOND_FACTOR is off).
  "account.enrol_second_factor": { roles: ROLES, ownAccount: true, input: async () => ({ enrolment: "x".repeat(40), code: "123456" }) },
  "account.verify_second_factor": { roles: ROLES, ownAccount: true, input: async () => ({ code: "123456" }) },
  "privacy.accept_notice": { roles: ROLES, ownAccount: true, input: async () => ({ version: PRIVACY_NOTICE_VERSION }) },
  // The unit registry and people are the province administrator's. Inputs aim at the target's unit and at the
  // county officer's account; a second run is refused for a reason the administrator can act on (code or email taken).
  "unit.create": { roles: ["province_admin"], input: async (t) => ({ kind: "school", name: "示例新增学校", code: "3613019001", parentId: t.unitId }) },
  "unit.update": {
    roles: ["province_admin"],
    input: async (t) => {
      const [u] = await db.select().from(units).where(eq(units.id, t.unitId));
      return { unitId: u.id, name: u.name, code: u.code, divisionCode: u.divisionCode ?? "" };
    },
  },
  "unit.move": { roles: ["province_admin"], input: async (t) => ({ unitId: t.unitId, parentId: unit("13").id }) },
  "unit.deactivate": { roles: ["province_admin"], input: async (t) => ({ unitId: t.unitId }) },
  "unit.reactivate": { roles: ["province_admin"], input: async (t) => ({ unitId: t.unitId }) },
  "unit.delete": { roles: ["province_admin"], input: async (t) => ({ unitId: t.unitId }) },
  "unit.import_schools": {
    roles: ["province_admin"],
    input: async () => ({ mode: "preview", file: xlsxOf(["学校名称", "学校标识码", "所在县区代码", "隶属单位", "是否省属"], ["示例导入学校", "3613019002", "130102", "长安区教育局", "否"]) }),
  },
  // 三员分立: the province administrator invites and changes the filler accounts (here the county officer's), the
  // security administrator the privileged ones (here the reviewer's); unlocking, sessions and second factors are the
  // security administrator's alone, for every account.
  "user.invite": {
    roles: ["province_admin", "security_admin"],
    input: async (t, role) =>
      role === "security_admin"
        ? { email: "invited-reviewer@example.com", name: "王芳", unitId: unit("13").id, role: "province_reviewer" }
        : { email: "invited@example.com", name: "王芳", unitId: t.unitId, role: "city_officer" },
  },
  "user.preview_bulk_invite": { roles: ["province_admin", "security_admin"], input: async () => ({ file: inviteFile() }) },
  // The commit carries the preview's file hash, as every import's does. Its one row names an email in use, so
  // the attempt ends in one audit row (a committed file adds a user.invite row per account: users.test.ts).
  "user.bulk_invite": { roles: ["province_admin", "security_admin"], input: async () => withHash({ file: inviteFile(actor("county_officer").email) }) },
  "user.update": {
    roles: ["province_admin", "security_admin"],
    input: async (_t, role) =>
      role === "security_admin"
        ? { userId: actor("province_reviewer").userId, name: "张立新", unitId: unit("13").id, role: "province_reviewer" }
        : { userId: actor("county_officer").userId, name: "赵志刚", unitId: unit("130102").id, role: "county_officer" },
  },
  "user.disable": { roles: ["province_admin", "security_admin"], input: async (_t, role) => ({ userId: managedAccount(role) }) },
  "user.enable": { roles: ["province_admin", "security_admin"], input: async (_t, role) => ({ userId: managedAccount(role) }) },
  "user.unlock": { roles: ["security_admin"], input: async () => ({ userId: actor("county_officer").userId }) },
  "user.end_sessions": { roles: ["security_admin"], input: async () => ({ userId: actor("county_officer").userId }) },
  "user.reset_second_factor": { roles: ["security_admin"], input: async () => ({ userId: actor("province_reviewer").userId }) },
  "user.resend_activation": { roles: ["province_admin", "security_admin"], input: async (_t, role) => ({ userId: managedAccount(role) }) },
  "user.send_reset": { roles: ["province_admin", "security_admin"], input: async (_t, role) => ({ userId: managedAccount(role) }) },
  // 「催报」: the province urges a reporting unit, a city officer the counties and schools of its own table.
  "reminders.urge": { roles: ["province_admin", "city_officer"], input: async (t) => ({ campaignId: await campaignOf(t.submissionId), unitId: t.unitId }) },
  "mail.resend": { roles: ["province_admin"], input: async () => ({ emailId: await failedEmail() }) },
  // Excel import into a table: a file naming the target unit; the commit carries the preview's file hash and the row version it saw.
  "xlsx.preview_import": { roles: FILLER_ROLES, input: async (t) => ({ submissionId: t.submissionId, file: importFileFor(t) }) },
  "xlsx.commit_import": {
    roles: FILLER_ROLES,
    input: async (t) => withHash({ submissionId: t.submissionId, file: importFileFor(t), seen: JSON.stringify([[t.unitId, await rowVersion(t)]]) }),
  },
  // 系统应用培训: figures and bulletin
  "training.bulletin.generate": { roles: ["province_admin"], input: async (t) => ({ campaignId: t.training.campaignId, title: "关于系统应用培训情况的通报" }) },
  // 培训签到 (attendance): the province imports the on-site session's 签到表 and uploads its scan; the online session
  // keeps one unmatched line (made in beforeAll) to resolve, and closing it is refused for want of a scan.
  "training.preview_attendance_import": { roles: ["province_admin"], input: async (t) => ({ sessionId: String(t.training.onsiteSessionId), file: signInFile() }) },
  "training.commit_attendance_import": { roles: ["province_admin"], input: async (t) => withHash({ sessionId: String(t.training.onsiteSessionId), file: signInFile() }) },
  "training.resolve_attendance_line": { roles: ["province_admin"], input: async () => ({ lineId: attendanceLineId, registrationId: null }) },
  "training.upload_sign_in_scan": {
    roles: ["province_admin"],
    input: async (t) => ({ sessionId: String(t.training.onsiteSessionId), file: new File([PDF], "签到表.pdf", { type: "application/pdf" }) }),
  },
  "training.close_session": { roles: ["province_admin"], input: async (t) => ({ sessionId: t.training.onlineSessionId }) },
  "training.schedule_remedial": { roles: ["province_admin"], input: async (t) => ({ sessionId: t.training.onsiteSessionId, registrationIds: [1] }) },
  // 问题收集反馈: a unit asks on its reporting unit's training submission; the city passes on, the province answers and
  // publishes the question asked under the target's training submission (a county's for 石家庄 and 唐山, the school's own).
  "training.ask": { roles: FILLER_ROLES, ownUnit: true, input: async (t) => ({ submissionId: t.training.submissionId, category: "account", body: "激活邮件未收到，请问如何处理？" }) },
  "training.triage": { roles: ["city_officer"], input: async (t) => ({ ...(await questionOf(t)), note: "请省级统一答复。" }) },
  "training.answer": { roles: ["province_admin", "province_reviewer"], input: async (t) => ({ ...(await questionOf(t)), answer: "请在登录页点击「重新发送激活邮件」。" }) },
  "training.publish_faq": { roles: ["province_admin", "province_reviewer"], input: async (t) => questionOf(t) },
  "training.unpublish_faq": { roles: ["province_admin", "province_reviewer"], input: async (t) => questionOf(t) },
  // 数据核验, the task and its reference snapshots: the province's own, so no target lies outside its scope.
  "verification.create": { roles: ["province_admin"], input: async () => ({ ...campaignNotice(), tableNotes: "", ...campaignSchedule(), unitIds: [unit("1301").id], schoolYear: "2021" }) },
  "verification.preview_snapshot": { roles: ["province_admin"], input: async () => ({ source: "teachers", schoolYear: "2021", file: snapshotFile() }) },
  "verification.commit_snapshot": { roles: ["province_admin"], input: async () => withHash({ source: "teachers", schoolYear: "2021", file: snapshotFile() }) },
  // 系统应用培训, the plan: the province's task, phase dates, sessions and seats; a city's split of its seats.
  "training.create": {
    roles: ["province_admin"],
    input: async (t) => ({ ...campaignNotice(), tableNotes: "", ...campaignSchedule(), unitIds: [unit("1301").id], sourceCampaignId: await campaignOf(t.submissionId) }),
  },
  "training.set_phase_dates": { roles: ["province_admin"], input: async (t) => ({ phaseId: t.training.phaseIds[1], startsOn: "2021-12-06", endsOn: "2021-12-10" }) },
  // Phase 3 keeps its dates 待定, so announcing it is refused with a sentence.
  "training.announce_phase": { roles: ["province_admin"], input: async (t) => ({ phaseId: t.training.phaseIds[2] }) },
  "training.create_session": { roles: ["province_admin"], input: async (t) => ({ ...trainingSession(), phaseId: t.training.phaseIds[0] }) },
  "training.update_session": {
    roles: ["province_admin"],
    input: async (t) => ({ ...trainingSession(), capacity: 200, sessionId: t.training.onlineSessionId, expectedVersion: await sessionVersion(t.training.onlineSessionId) }),
  },
  "training.delete_session": { roles: ["province_admin"], input: async () => ({ sessionId: spareSessionId }) },
  // No seats given: the province's save changes nothing, the city (without seats of its own) is refused with a sentence.
  "training.set_quotas": { roles: ["province_admin"], input: async (t) => ({ sessionId: t.training.onlineSessionId, quotas: [] }) },
  "training.split_quota": { roles: ["city_officer"], input: async (t) => ({ sessionId: t.training.onlineSessionId, quotas: [{ unitId: await childOf(t.unitId), seats: 1 }] }) },
  // 数据核验, the rules: the province edits its own rules (written with their defaults in beforeAll) and re-runs a task.
  "verification.update_rule": { roles: ["province_admin"], input: async () => ({ ...(await ruleVersionOf("teachers_vs_statistics")), name: "教师数不一致", severity: "notice", tolerancePercent: "10", enabled: true }) },
  "verification.run": { roles: ["province_admin"], input: async (t) => ({ campaignId: t.verification.campaignId }) },
  // 数据核验's answers and 逐级确认: a school answers its own item; a level confirms its own unit on its reporting unit's
  // submission (a county on its city's); the province confirms (approves) a reporting unit; a level above returns an item.
  // The item under each target's submission is a school's of that reporting unit (石家庄's own school, not 长安区's).
  "verification.answer": {
    roles: ["school_staff"],
    input: async (t) => ({ ...(await discrepancyOfTarget(t)), answer: "corrected", correctedValue: "840" }),
  },
  "verification.confirm": { roles: FILLER_ROLES, ownUnit: true, input: async (t) => ({ submissionId: t.verification.submissionId }) },
  "verification.approve": { roles: ["province_reviewer"], input: async (t) => ({ submissionId: t.verification.submissionId, expectedVersion: await submissionVersion(t.verification.submissionId) }) },
  "verification.return": {
    roles: ["county_officer", "city_officer", "province_reviewer"],
    input: async (t) => ({ ...(await discrepancyOfTarget(t)), reason: "说明过于简单，请补充。" }),
  },
  // 核验情况: the province freezes the verification task's figures into its 通报.
  "verification.bulletin.generate": { roles: ["province_admin"], input: async (t) => ({ campaignId: t.verification.campaignId, title: "关于数据核验情况的通报" }) },
};

/** A default rule of the province, with its current version. */
async function ruleVersionOf(code: string): Promise<{ ruleId: number; expectedVersion: number }> {
  const [rule] = await db.select({ ruleId: verificationRules.id, expectedVersion: verificationRules.version }).from(verificationRules).where(eq(verificationRules.code, code));
  return required(rule, `rule ${code}`);
}

/** The verification item under the target's verification submission, with its current version. */
async function discrepancyOfTarget(t: Target) {
  const discrepancyId = required(discrepancyBySubmission.get(t.verification.submissionId), `discrepancy of verification submission ${t.verification.submissionId}`);
  const [row] = await db.select({ version: discrepancies.version }).from(discrepancies).where(eq(discrepancies.id, discrepancyId));
  return { discrepancyId, expectedVersion: row.version };
}

/** The question asked under the target's training submission, with its current version. */
async function questionOf(t: Target): Promise<{ questionId: number; expectedVersion: number }> {
  const questionId = required(questionBySubmission.get(t.training.submissionId), `question of training submission ${t.training.submissionId}`);
  const [row] = await db.select({ version: trainingQuestions.version }).from(trainingQuestions).where(eq(trainingQuestions.id, questionId));
  return { questionId, expectedVersion: row.version };
}

/** A valid 线上 session of a training task. */
function trainingSession() {
  return { title: "系统集中培训（补充场）", mode: "online", date: "2021-12-07", startTime: "09:00", endTime: "12:00", place: "", meetingLink: "https://meeting.example.cn/j/1", capacity: 20, audience: ["school"], remedial: false };
}

async function sessionVersion(sessionId: number): Promise<number> {
  const [row] = await db.select({ version: trainingSessions.version }).from(trainingSessions).where(eq(trainingSessions.id, sessionId));
  return row.version;
}

/** A unit reporting to `unitId` (a county of a city), or the unit itself when nothing reports to it (a school). */
async function childOf(unitId: number): Promise<number> {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.reportingParentId, unitId)).orderBy(asc(units.id)).limit(1);
  return row?.id ?? unitId;
}

/** A commit's input: the file and the hash its preview returned. */
async function withHash<I extends { file: File }>(input: I): Promise<I & { fileHash: string }> {
  return { ...input, fileHash: createHash("sha256").update(new Uint8Array(await input.file.arrayBuffer())).digest("hex") };
}

function inviteFile(email = "bulk@example.com"): File {
  return xlsxOf(["邮箱", "姓名", "所在单位", "角色"], [email, "王芳", "长安区教育局", ""]);
}

/** An account the role manages (三员分立): the security administrator the reviewer's, anyone else the county officer's. */
function managedAccount(role: Role | undefined): number {
  return actor(role === "security_admin" ? "province_reviewer" : "county_officer").userId;
}

/** The administrator table with one row, the target unit's. */
function importFileFor(t: Target): File {
  const target = required([...unitByCode.values()].find((u) => u.id === t.unitId), "target unit");
  return xlsxOf(["单位名称", "学校标识码", "姓名", "职务", "联系电话", "邮箱"], [target.name, t.schoolCode ?? "", "王芳", "信息中心主任", "13800138000", "wangfang@example.com"]);
}

/** A 签到表 with one person nobody registered. */
function signInFile(): File {
  return xlsxOf(["序号", "姓名", "单位", "联系电话", "签到时间"], ["1", "赵强", "新华区教育局", "13700000000", "09:00"]);
}

/** A 教师系统 snapshot of one school. */
function snapshotFile(): File {
  return xlsxOf(["学校标识码", "学校名称", "教职工数", "专任教师数"], ["3613010002", "长安区示例职业中学", "96", "80"]);
}

/** The delegates' contacts with one row, the target unit's. */
function contactsFileFor(t: Target): File {
  const target = required([...unitByCode.values()].find((u) => u.id === t.unitId), "target unit");
  return xlsxOf(["单位名称", "姓名", "联系电话", "邮箱"], [target.name, "赵敏", "13800138001", `contact${t.unitId}@example.com`]);
}

/** An email the worker gave up on, for 「重新发送」. */
async function failedEmail(): Promise<number> {
  const [row] = await db
    .insert(emailOutbox)
    .values({ toAddress: "failed@example.com", subject: "提醒", text: "正文", html: "<p>正文</p>", kind: "reminder", status: "failed", lastError: "发送失败" })
    .returning({ id: emailOutbox.id });
  return row.id;
}

/** A one-sheet .xlsx upload: a header row and one row. */
function xlsxOf(header: string[], row: string[]): File {
  const bytes = xlsxFrom([{ name: "Sheet1", rows: [header, row] }]);
  return new File([new Uint8Array(bytes)], "名单.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

let campaignCount = 0;

function campaignNotice() {
  campaignCount++;
  return { title: "测试任务", docNumber: `测试〔2021〕${campaignCount}号`, issuer: "河北省教育厅办公室", body: "正文", contacts: [], tableNotes: "各单位系统管理员仅限一名。" };
}

function campaignSchedule() {
  return { deadlineDate: "2021-11-30", deadlineTime: "17:00", reminders: [{ when: "before", amount: 1, unit: "day" }] };
}

/** A campaign in the given state, written straight to the database. */
async function newCampaign(status: CampaignStatus): Promise<number> {
  const { tableNotes, ...notice } = campaignNotice();
  const [row] = await db
    .insert(campaigns)
    .values({ ...notice, tableNotes: [tableNotes], ownerUnitId: sql`(select id from units where code = ${PROVINCE_CODE})`, deadline: new Date("2021-11-30T09:00:00Z"), status, publishedAt: status === "draft" ? null : NOW })
    .returning({ id: campaigns.id });
  return row.id;
}

async function campaignOf(submissionId: number): Promise<number> {
  const [row] = await db.select({ campaignId: submissions.campaignId }).from(submissions).where(eq(submissions.id, submissionId));
  return row.campaignId;
}

/** A delegation of the target's submission to the target's unit (分派填报), written straight to the database. */
async function delegationOf(t: Target): Promise<{ delegationId: number; expectedVersion: number }> {
  const [row] = await db
    .insert(delegations)
    .values({ submissionId: t.submissionId, delegateUnitId: t.unitId, deadline: new Date("2021-11-24T09:00:00Z"), createdAt: NOW, createdBy: actor("city_officer").userId })
    .onConflictDoUpdate({ target: [delegations.submissionId, delegations.delegateUnitId], set: { state: "filling" } })
    .returning({ delegationId: delegations.id, expectedVersion: delegations.version });
  return row;
}

/** The target unit's 回执 in the online session, in `state`, written only for a role acting on its own (else an id that does not exist). */
async function registrationOf(t: Target, role: Role | undefined, state: "draft" | "confirmed"): Promise<{ registrationId: number; expectedVersion: number }> {
  if (!role) return { registrationId: 2_000_000_000, expectedVersion: 1 };
  const [row] = await db
    .insert(trainingRegistrations)
    .values({ campaignId: t.training.campaignId, submissionId: t.training.submissionId, sessionId: t.training.onlineSessionId, unitId: t.unitId, name: "王芳", position: "信息中心主任", phone: "13800138000", email: "wangfang@example.com", substituteReason: "原管理员借调", state })
    .onConflictDoUpdate({ target: [trainingRegistrations.sessionId, trainingRegistrations.unitId], set: { state } })
    .returning({ registrationId: trainingRegistrations.id, expectedVersion: trainingRegistrations.version });
  return row;
}

async function registrationVersion(t: Target): Promise<number | undefined> {
  const [row] = await db
    .select({ version: trainingRegistrations.version })
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.submissionId, t.training.submissionId), eq(trainingRegistrations.unitId, t.unitId)));
  return row?.version;
}

async function submissionVersion(submissionId: number): Promise<number> {
  const [row] = await db.select({ version: submissions.version }).from(submissions).where(eq(submissions.id, submissionId));
  return row?.version ?? 1;
}

async function rowVersion(t: Target): Promise<number | null> {
  const [row] = await db
    .select({ version: rosterEntries.version })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.submissionId, t.submissionId), eq(rosterEntries.unitId, t.unitId)));
  return row?.version ?? null;
}

// ---------------------------------------------------------------------------------------------
// The seeded world: one demo user per role, and the submissions each of them may and may not touch.

type UnitRow = typeof units.$inferSelect;
const unitByCode = new Map<string, UnitRow>();
const submissionByUnitCode = new Map<string, number>();
const trainingSubmissionByUnitCode = new Map<string, number>();
const verificationSubmissionByUnitCode = new Map<string, number>();
let verificationCampaignId: number;
let training: Omit<TrainingTarget, "submissionId">;
/** An unmatched 签到表 line of the online session, for 处理签到记录. */
let attendanceLineId: number;
const questionBySubmission = new Map<number, number>();
const discrepancyBySubmission = new Map<number, number>();
let spareSessionId: number;
const actors = new Map<Role, Actor>();

const unit = (code: string) => required(unitByCode.get(code), `unit ${code}`);
const targetOf = (submissionUnitCode: string, unitCode = submissionUnitCode): Target => ({
  submissionId: required(submissionByUnitCode.get(submissionUnitCode), `submission of ${submissionUnitCode}`),
  unitId: unit(unitCode).id,
  schoolCode: unit(unitCode).schoolCode,
  training: { ...training, submissionId: required(trainingSubmissionByUnitCode.get(submissionUnitCode), `training submission of ${submissionUnitCode}`) },
  verification: { campaignId: verificationCampaignId, submissionId: required(verificationSubmissionByUnitCode.get(submissionUnitCode), `verification submission of ${submissionUnitCode}`) },
});

/** The submission each role fills for its own unit: province roles have none of their own but see every one. */
const OWN: Record<Role, string | null> = {
  province_admin: "1301",
  province_reviewer: "1301",
  auditor: "1301",
  security_admin: "1301",
  city_officer: "1301", // 石家庄市教育局
  county_officer: null, // 长安区教育局 reports inside 石家庄's table and has no submission of its own
  school_staff: "3613000001", // 河北省示例机电工程学校, province-affiliated
  ministry_viewer: "1301",
};
/** A submission outside each role's scope (province roles have no outside). */
const FOREIGN: Record<Role, string | null> = {
  province_admin: null,
  province_reviewer: null,
  auditor: null,
  security_admin: null,
  city_officer: "1302", // 唐山
  county_officer: "1302", // another city's
  school_staff: "1302",
  ministry_viewer: null,
};

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  for (const u of await db.select().from(units)) unitByCode.set(u.code, u);
  const rows = await db.select({ id: submissions.id, unitId: submissions.unitId }).from(submissions);
  const codeById = new Map([...unitByCode.values()].map((u) => [u.id, u.code]));
  for (const r of rows) submissionByUnitCode.set(required(codeById.get(r.unitId), "unit"), r.id);

  for (const demo of DEMO_LOGINS) actors.set(demo.role, await actorFor(db, demo.email));
  // The 教育部 level's viewer is the national seed's; here it joins Hebei's demo with the demo password.
  const [admin] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor("province_admin").userId));
  await db.insert(users).values({ email: "ministry@test.baosong.cn", name: "郑国华", role: "ministry_viewer", unitId: unit(MINISTRY_CODE).id, status: "active", passwordHash: admin.passwordHash });
  actors.set("ministry_viewer", await actorFor(db, "ministry@test.baosong.cn"));

  // A training task beside the roster task, for the training commands (each unit's 回执 is its submission of it).
  const [roster] = await db.select({ campaignId: submissions.campaignId }).from(submissions).limit(1);
  const published = await createPublishedTraining(db, { province: actor("province_admin"), rosterCampaignId: roster.campaignId, deadline: new Date("2021-12-03T09:00:00Z"), now: NOW });
  // A session nobody registers for, for deleting.
  const { campaignId, phaseId, mode, startsAt, endsAt, meetingLink, capacity, audience } = published.sessions.online;
  [{ id: spareSessionId }] = await db
    .insert(trainingSessions)
    .values({ campaignId, phaseId, mode, startsAt, endsAt, meetingLink, capacity, audience, title: "备用场次" })
    .returning({ id: trainingSessions.id });
  training = { campaignId: published.campaign.id, onlineSessionId: published.sessions.online.id, onsiteSessionId: published.sessions.onsite.id, phaseIds: published.phases.map((p) => p.id) };
  for (const r of await db.select({ id: submissions.id, unitId: submissions.unitId }).from(submissions).where(eq(submissions.campaignId, published.campaign.id)))
    trainingSubmissionByUnitCode.set(required(codeById.get(r.unitId), "unit"), r.id);
  // And a verification task (数据核验), each unit's submission of it.
  const verification = await publishedVerification(db, NOW);
  verificationCampaignId = verification.campaign.id;
  for (const r of verification.submissions) verificationSubmissionByUnitCode.set(required(codeById.get(r.unitId), "unit"), r.id);
  await db.transaction((tx) => ensureRules(tx, verification.province.unitId));
  // An error item of a school under 石家庄, 唐山 and the province-affiliated school.
  const rule = await ruleOf(db, actor("province_admin").unitId, "error");
  for (const [reporting, school] of [["1301", "3613010001"], ["1302", "3613020001"], ["3613000001", "3613000001"]]) {
    const item = await discrepancyOf(db, { campaignId: verificationCampaignId, unitId: unit(school).id, ruleId: rule.id, severity: "error" });
    discrepancyBySubmission.set(required(verificationSubmissionByUnitCode.get(reporting), `verification submission of ${reporting}`), item.id);
  }
  [{ id: attendanceLineId }] = await db.insert(trainingAttendanceLines).values({ sessionId: training.onlineSessionId, line: 2, name: "赵强", match: "unmatched" }).returning({ id: trainingAttendanceLines.id });
  // A question under 石家庄's and 唐山's training submissions (each from a county of theirs) and the province school's own.
  for (const [reporting, asking] of [["1301", "130102"], ["1302", "130202"], ["3613000001", "3613000001"]]) {
    const [q] = await db.insert(trainingQuestions).values({ campaignId: published.campaign.id, unitId: unit(asking).id, category: "account", body: "激活邮件未收到。", createdAt: NOW }).returning();
    questionBySubmission.set(required(trainingSubmissionByUnitCode.get(reporting), `training submission of ${reporting}`), q.id);
  }
});

function actor(role: Role): Actor {
  return required(actors.get(role), `demo user for ${role}`);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Running a command and looking at what it left behind.

/** Runs a command and returns its result and the audit rows it wrote. */
async function run(command: AnyCommand, input: unknown, role: Role) {
  const mark = await lastAuditIdOf(db);
  const result: ActionResult<unknown> = await executeCommand(command, input, { db, actor: actor(role), ip: "10.1.2.3", now: NOW });
  const audits = await db.select().from(auditLog).where(gt(auditLog.id, mark)).orderBy(asc(auditLog.id));
  return { result, audits };
}

/** Everything a refused command must leave untouched. */
async function fingerprint() {
  const subs = await db
    .select({ id: submissions.id, status: submissions.status, version: submissions.version, filler: submissions.fillerName })
    .from(submissions)
    .orderBy(asc(submissions.id));
  return {
    subs,
    rows: await db.select().from(rosterEntries).orderBy(asc(rosterEntries.id)),
    scans: await db.$count(submissionScans),
    events: await db.$count(submissionEvents),
    tasks: await Promise.all(TASK_TABLES.map((table) => db.select().from(table))),
    referenceRecords: await db.$count(referenceRecords),
  };
}

/** What the training and verification commands write, beside the roster's tables. */
const TASK_TABLES = [
  trainingPhases,
  trainingSessions,
  trainingQuotas,
  trainingRegistrations,
  trainingAttendanceLines,
  trainingSignInScans,
  trainingQuestions,
  verificationTasks,
  referenceSnapshots,
  verificationRules,
  discrepancies,
  discrepancyAttachments,
  verificationConfirmations,
];

function expectOneAudit(audits: (typeof auditLog.$inferSelect)[], command: AnyCommand, role: Role, outcome: "success" | "denied" | "rejected") {
  expect(audits, "exactly one audit row per attempt").toHaveLength(1);
  expect(audits[0]).toMatchObject({ action: command.name, outcome, userId: actor(role).userId, role, unitId: actor(role).unitId, ip: "10.1.2.3", at: NOW });
}

function commandNamed(name: string): AnyCommand {
  return required(
    discovered.find((c) => c.name === name),
    `command ${name}`,
  );
}

// ---------------------------------------------------------------------------------------------

const UNKNOWN_FIELD_MESSAGE = "表单包含无法识别的内容，请刷新页面后重试";

describe("walks every role against every action that exists", () => {
  it("discovers the commands in lib/**/commands.ts", () => {
    expect(commandFiles).toEqual(expect.arrayContaining(["roster/commands.ts", "submissions/commands.ts"]));
    expect(discovered.length).toBeGreaterThanOrEqual(5);
    expect(new Set(discovered.map((c) => c.name)).size, "command names are unique").toBe(discovered.length);
  });

  it("the table covers every command, and only commands that exist", () => {
    expect(discovered.map((c) => c.name).sort()).toEqual(Object.keys(TABLE).sort());
  });

  it("each command allows exactly the roles the table expects", () => {
    for (const command of discovered) expect([...rolesOf(command)].sort(), command.name).toEqual([...(TABLE[command.name]?.roles ?? [])].sort());
  });

  it("the auditor runs no command but those on its own account: password, second factor and the privacy notice (三权分立)", () => {
    expect(discovered.filter((c) => rolesOf(c).includes("auditor")).map((c) => c.name).sort()).toEqual([
      "account.change_password",
      "account.enrol_second_factor",
      "account.verify_second_factor",
      "privacy.accept_notice",
    ]);
  });

  it("the security administrator runs no reporting command: only its own account's and the people page's (三员分立)", () => {
    const commands = discovered.filter((c) => rolesOf(c).includes("security_admin")).map((c) => c.name);
    expect(commands.filter((name) => !name.startsWith("user.") && !TABLE[name]?.ownAccount)).toEqual([]);
    expect(commands).toEqual(expect.arrayContaining(["user.invite", "user.unlock", "user.end_sessions", "user.reset_second_factor"]));
  });

  for (const command of discovered) {
    describe(command.name, () => {
      const row = TABLE[command.name];

      it.each(ROLES.filter((r) => !rolesOf(command).includes(r)))("refuses %s by role, audited as denied, writing nothing", async (role) => {
        if (!row) throw new Error(`no table row for ${command.name}`);
        for (const code of [OWN[role] ?? "1301", FOREIGN[role] ?? "1302"]) {
          const before = await fingerprint();
          const { result, audits } = await run(command, await row.input(targetOf(code)), role);
          expect(result).toEqual({ ok: false, formError: DENIED_MESSAGE });
          expectOneAudit(audits, command, role, "denied");
          expect(audits[0].detail).toMatchObject({ reason: "role" });
          expect(await fingerprint()).toEqual(before);
        }
      });

      const allowed = rolesOf(command);

      it.each(allowed.filter((r) => FOREIGN[r] && !row?.ownAccount))("answers %s 404 on a submission outside its scope, audited as denied, writing nothing", async (role) => {
        if (!row) throw new Error(`no table row for ${command.name}`);
        const before = await fingerprint();
        const { result, audits } = await run(command, await row.input(targetOf(FOREIGN[role] as string)), role);
        expect(result).toMatchObject({ ok: false, notFound: true });
        expectOneAudit(audits, command, role, "denied");
        expect(audits[0].detail).toMatchObject({ reason: "not_found" });
        expect(await fingerprint()).toEqual(before);
      });

      it.each(allowed.filter((r) => OWN[r] || row?.ownAccount))("lets %s act on its own submission or account (done, or a refusal it can act on)", async (role) => {
        if (!row) throw new Error(`no table row for ${command.name}`);
        const { result, audits } = await run(command, await row.input(targetOf(OWN[role] ?? "1301"), role), role);
        expect(result).not.toMatchObject({ notFound: true });
        expect(result).not.toMatchObject({ formError: DENIED_MESSAGE });
        expectOneAudit(audits, command, role, result.ok ? "success" : "rejected");
        if (!result.ok) expect(result.formError ?? Object.values(result.fieldErrors ?? {})[0]).toEqual(expect.any(String));
      });
    });
  }
});

describe("the city officer (石家庄) on its own submission", () => {
  it("saves its own row: the commands really do work inside scope", async () => {
    const { result, audits } = await run(commandNamed("roster.save_row"), await TABLE["roster.save_row"].input(targetOf("1301")), "city_officer");
    expect(result.ok).toBe(true);
    expectOneAudit(audits, commandNamed("roster.save_row"), "city_officer", "success");
  });

  it("saves the row of a school two levels down (长安区示例职业中学)", async () => {
    const { result } = await run(commandNamed("roster.save_row"), await TABLE["roster.save_row"].input(targetOf("1301", "3613010002")), "city_officer");
    expect(result.ok).toBe(true);
    const [entry] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, unit("3613010002").id));
    expect(entry).toMatchObject({ submissionId: targetOf("1301").submissionId, schoolCode: "3613010002" });
  });
});

describe("a form cannot widen the scope the session gives", () => {
  // Run as city and county officers: only the commands those roles may run can be refused for scope.
  const fillerCommands = () => Object.keys(TABLE).filter((name) => !TABLE[name].ownAccount && !TABLE[name].readsTable && FILLER_ROLES.every((role) => TABLE[name].roles.includes(role)));
  const saveRow = () => commandNamed("roster.save_row");
  const saveHeader = () => commandNamed("roster.save_header");

  async function expectRefused(command: AnyCommand, input: unknown, role: Role, outcome: "denied" | "rejected" = "denied") {
    const before = await fingerprint();
    const { result, audits } = await run(command, input, role);
    expect(result.ok).toBe(false);
    if (outcome === "denied") expect(result).toMatchObject({ notFound: true });
    expectOneAudit(audits, command, role, outcome);
    expect(await fingerprint()).toEqual(before);
    return result;
  }

  it("404s a row for another city's unit posted into the officer's own submission", async () => {
    await expectRefused(saveRow(), await TABLE["roster.save_row"].input(targetOf("1301", "1302")), "city_officer");
    await expectRefused(saveRow(), await TABLE["roster.save_row"].input(targetOf("1301", "3613020002")), "city_officer");
  });

  it("404s 辛集, which is administratively under 石家庄 but reports to the province", async () => {
    await expectRefused(saveRow(), await TABLE["roster.save_row"].input(targetOf("1301", "130181")), "city_officer");
    await expectRefused(saveHeader(), await TABLE["roster.save_header"].input(targetOf("130181")), "city_officer");
  });

  it("404s another province-affiliated school's submission for a school's staff", async () => {
    await expectRefused(saveHeader(), await TABLE["roster.save_header"].input(targetOf("3613000002")), "school_staff");
    await expectRefused(saveRow(), await TABLE["roster.save_row"].input(targetOf("3613000001", "3613000002")), "school_staff");
  });

  it("refuses the county officer its parent city's table", async () => {
    for (const name of Object.keys(TABLE).filter((n) => !TABLE[n].ownAccount && !TABLE[n].readsTable && !TABLE[n].delegate && !TABLE[n].ownUnit)) {
      const before = await fingerprint();
      const { result, audits } = await run(commandNamed(name), await TABLE[name].input(targetOf("1301", "130102")), "county_officer");
      expect(result.ok, name).toBe(false);
      expect(audits.map((a) => a.outcome), name).toEqual(["denied"]);
      expect(await fingerprint(), name).toEqual(before);
    }
  });

  it("404s a submission id that does not exist", async () => {
    await expectRefused(saveHeader(), { ...(await TABLE["roster.save_header"].input(targetOf("1301"))), submissionId: 2_000_000 }, "city_officer");
  });

  it.each([["abc"], [-1], [0], [1.5], ["1 or 1=1"], [null]])("rejects submissionId %j as invalid input, audited", async (submissionId) => {
    for (const name of fillerCommands()) {
      const input = { ...(await TABLE[name].input(targetOf("1301"))), submissionId };
      const result = await expectRefused(commandNamed(name), input, "city_officer", "rejected");
      expect(result, name).toMatchObject({ fieldErrors: { submissionId: expect.any(String) } });
    }
  });

  it("an invented role does not lift a role check or a scope check", async () => {
    const forged = { role: "province_admin", unitId: unit("1302").id, userId: actor("province_admin").userId };
    for (const name of fillerCommands()) {
      const toForeign = { ...(await TABLE[name].input(targetOf("1302"))), ...forged };
      const refused = await expectRefused(commandNamed(name), toForeign, "county_officer", "rejected");
      expect(refused).toMatchObject({ formError: UNKNOWN_FIELD_MESSAGE });

      const asFiller = { ...(await TABLE[name].input(targetOf("1301"))), role: "city_officer" };
      const before = await fingerprint();
      const { result, audits } = await run(commandNamed(name), asFiller, "province_reviewer");
      expect(result).toEqual({ ok: false, formError: DENIED_MESSAGE });
      expect(audits.map((a) => a.outcome)).toEqual(["denied"]);
      expect(await fingerprint()).toEqual(before);
    }
  });

  it("an invented status field is refused: status only moves through the transition table", async () => {
    const invented = { status: "approved", late: false, reviewOpenedAt: null, submittedAt: NOW.toISOString(), version: 999 };
    const submissionId = targetOf("1301").submissionId;
    for (const name of fillerCommands()) {
      const input = { ...(await TABLE[name].input(targetOf("1301"))), ...invented };
      const { result, audits } = await run(commandNamed(name), input, "city_officer");
      expect(result, name).toMatchObject({ ok: false, formError: UNKNOWN_FIELD_MESSAGE });
      expect(audits.map((a) => a.outcome)).toEqual(["rejected"]);
      const [after] = await db.select().from(submissions).where(eq(submissions.id, submissionId));
      expect(after.status, name).not.toBe("approved");
      expect(after.version, name).not.toBe(999);
    }
  });

  it("a forged unit id on a command that takes none is refused, and nothing is written anywhere", async () => {
    const input = { ...(await TABLE["roster.save_header"].input(targetOf("1301"))), unitId: unit("1302").id, fillerName: "李强" };
    const result = await expectRefused(saveHeader(), input, "city_officer", "rejected");
    expect(result).toMatchObject({ formError: UNKNOWN_FIELD_MESSAGE });
  });
});
