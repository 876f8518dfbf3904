// 系统应用培训 (§三.2): a campaign of kind `training`. The engine's per-unit record stays the submission (one per
// reporting unit: a city's 回执 covers its counties and schools); these tables are what training adds to it.
import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { storedFileColumns } from "./columns";
import { rosterEntries, submissions } from "./submissions";
import { unitKind, units } from "./units";
import { users } from "./users";

/**
 * 系统集中培训, 2020学年度业务数据采集, 系统全面应用及问题收集反馈: a training task's phases, in order. Dates stay null
 * (待定，另行通知) until the province sets them; announcing them tells every assigned unit.
 */
export const trainingPhases = pgTable(
  "training_phases",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    ordinal: integer("ordinal").notNull(),
    title: text("title").notNull(),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    /** When the dates (as they are now) were announced to the units; null while unannounced or changed since. */
    announcedAt: timestamp("announced_at", { withTimezone: true }),
  },
  (t) => [
    unique("training_phases_campaign_ordinal_key").on(t.campaignId, t.ordinal),
    check("training_phases_dates", sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const trainingMode = pgEnum("training_mode", ["onsite", "online"]);

/** One sitting of a phase: 现场 (a place) or 线上 (a meeting link), with its seats and the kinds of unit it is for. */
export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    phaseId: integer("phase_id")
      .notNull()
      .references(() => trainingPhases.id),
    title: text("title").notNull(),
    mode: trainingMode("mode").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    place: text("place"),
    meetingLink: text("meeting_link"),
    capacity: integer("capacity").notNull(),
    /** The kinds of unit whose administrators attend (e.g. only schools). */
    audience: unitKind("audience").array().notNull(),
    /** A 补训 session: for the absent of the phase's other sessions. */
    remedial: boolean("remedial").notNull().default(false),
    /** Bumped by every change of the session; an edit carries the version it saw. */
    version: integer("version").notNull().default(1),
    /** Closed with its scanned 签到表: attendance is final, the absent are flagged. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: integer("closed_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("training_sessions_campaign_idx").on(t.campaignId),
    check("training_sessions_capacity", sql`${t.capacity} > 0`),
    check("training_sessions_times", sql`${t.endsAt} > ${t.startsAt}`),
    check("training_sessions_where", sql`(${t.mode} = 'onsite' and ${t.place} is not null) or (${t.mode} = 'online' and ${t.meetingLink} is not null)`),
  ],
);

/**
 * Seats of a session given to a unit: the province gives them to its reporting units (cities, province-affiliated
 * schools); a city may split its seats among its counties and schools. Without a quota row a unit draws on its city's.
 */
export const trainingQuotas = pgTable(
  "training_quotas",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => trainingSessions.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    seats: integer("seats").notNull(),
  },
  (t) => [unique("training_quotas_session_unit_key").on(t.sessionId, t.unitId), check("training_quotas_seats", sql`${t.seats} >= 0`)],
);

/** 草稿 (pre-filled), 已确认 by the unit itself, 已审核 by its city (a province-affiliated school's own confirmation is final). */
export const registrationState = pgEnum("training_registration_state", ["draft", "confirmed", "approved"]);
export const attendanceState = pgEnum("training_attendance", ["unknown", "present", "absent"]);

/**
 * 培训回执: who of a unit attends a session. Pre-filled with the unit's approved administrator from the roster task the
 * training draws on; a different person needs a reason, which the province sees. Part of the reporting unit's submission.
 */
export const trainingRegistrations = pgTable(
  "training_registrations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id),
    sessionId: integer("session_id")
      .notNull()
      .references(() => trainingSessions.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    name: text("name").notNull(),
    position: text("position").notNull(),
    phone: text("phone").notNull(),
    email: text("email").notNull(),
    /** The administrator the 回执 was pre-filled with; a substitute names why another person attends. */
    rosterEntryId: integer("roster_entry_id").references(() => rosterEntries.id),
    substituteReason: text("substitute_reason"),
    state: registrationState("state").notNull().default("draft"),
    attendance: attendanceState("attendance").notNull().default("unknown"),
    /** The absent registration of another session this 补训 registration makes up for. */
    remedialOf: integer("remedial_of").references((): AnyPgColumn => trainingRegistrations.id),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [
    unique("training_registrations_session_unit_key").on(t.sessionId, t.unitId),
    index("training_registrations_submission_idx").on(t.submissionId),
    index("training_registrations_campaign_phone_idx").on(t.campaignId, t.phone),
    check("training_registrations_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

export const attendanceMatch = pgEnum("training_attendance_match", ["matched", "unmatched", "ambiguous", "ignored"]);

/**
 * One line of an imported 签到表 or video-meeting export, matched to a registration by phone, then by name and unit.
 * Unmatched and ambiguous lines wait for a person to resolve them (match by hand or ignore).
 */
export const trainingAttendanceLines = pgTable(
  "training_attendance_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => trainingSessions.id),
    /** Its line in the imported file (from 1, counting the header), so errors and lists can name it. */
    line: integer("line").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    unitName: text("unit_name"),
    joinedAt: timestamp("joined_at", { withTimezone: true }),
    leftAt: timestamp("left_at", { withTimezone: true }),
    durationMinutes: integer("duration_minutes"),
    match: attendanceMatch("match").notNull(),
    registrationId: integer("registration_id").references(() => trainingRegistrations.id),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    importedBy: integer("imported_by").references(() => users.id),
  },
  (t) => [
    index("training_attendance_lines_session_idx").on(t.sessionId),
    check("training_attendance_lines_matched", sql`(${t.match} = 'matched') = (${t.registrationId} is not null)`),
  ],
);

/** The scanned, signed 签到表 a session closes with. */
export const trainingSignInScans = pgTable("training_sign_in_scans", {
  sessionId: integer("session_id")
    .primaryKey()
    .references(() => trainingSessions.id),
  ...storedFileColumns(),
  uploadedBy: integer("uploaded_by").references(() => users.id),
});

export const questionCategory = pgEnum("training_question_category", ["account", "import", "defect", "definition", "other"]);
export const questionState = pgEnum("training_question_state", ["open", "triaged", "answered"]);

/**
 * 问题收集反馈 (phase 3): a unit's question; its city triages it, the province answers. An answer may be published as
 * an FAQ entry every unit sees. Unanswered for 3 working days, it reminds the province.
 */
export const trainingQuestions = pgTable(
  "training_questions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    category: questionCategory("category").notNull(),
    body: text("body").notNull(),
    state: questionState("state").notNull().default("open"),
    triageNote: text("triage_note"),
    triagedAt: timestamp("triaged_at", { withTimezone: true }),
    triagedBy: integer("triaged_by").references(() => users.id),
    answer: text("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredBy: integer("answered_by").references(() => users.id),
    /** Published as a 常见问题 entry, visible to every unit of the campaign. */
    faqAt: timestamp("faq_at", { withTimezone: true }),
    /** When the province was reminded of it, unanswered after 3 working days. */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [
    index("training_questions_campaign_idx").on(t.campaignId, t.state),
    check("training_questions_answered", sql`(${t.state} = 'answered') = (${t.answer} is not null)`),
  ],
);

/** A question's screenshot, when it has one. */
export const trainingQuestionScreenshots = pgTable("training_question_screenshots", {
  questionId: integer("question_id")
    .primaryKey()
    .references(() => trainingQuestions.id),
  ...storedFileColumns(),
});

export type TrainingPhase = typeof trainingPhases.$inferSelect;
export type TrainingSession = typeof trainingSessions.$inferSelect;
export type TrainingMode = (typeof trainingMode.enumValues)[number];
export type TrainingRegistration = typeof trainingRegistrations.$inferSelect;
export type RegistrationState = (typeof registrationState.enumValues)[number];
export type AttendanceState = (typeof attendanceState.enumValues)[number];
export type AttendanceMatch = (typeof attendanceMatch.enumValues)[number];
export type QuestionCategory = (typeof questionCategory.enumValues)[number];
export type QuestionState = (typeof questionState.enumValues)[number];
