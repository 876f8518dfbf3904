import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { campaignAssignments, campaigns } from "./campaigns";
import { storedFileColumns } from "./columns";
import { units } from "./units";
import { users } from "./users";

export const submissionStatus = pgEnum("submission_status", ["draft", "submitted", "returned", "approved"]);

/** One per assignment: the reporting unit's table for a campaign. */
export const submissions = pgTable(
  "submissions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer("assignment_id")
      .notNull()
      .unique()
      .references(() => campaignAssignments.id),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    status: submissionStatus("status").notNull().default("draft"),
    /** Bumped by every write; a save carries the version it was loaded at. */
    version: integer("version").notNull().default(1),
    fillerName: text("filler_name"),
    fillerPhone: text("filler_phone"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    late: boolean("late").notNull().default(false),
    reviewOpenedAt: timestamp("review_opened_at", { withTimezone: true }),
    returnReason: text("return_reason"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [
    unique("submissions_campaign_unit_key").on(t.campaignId, t.unitId),
    check("submissions_submitted_has_time", sql`${t.status} = 'draft' or ${t.submittedAt} is not null`),
  ],
);

/** One row per covered unit and campaign: exactly one administrator per unit (单位系统管理员仅限一名). */
export const rosterEntries = pgTable(
  "roster_entries",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    name: text("name").notNull(),
    position: text("position").notNull(),
    phone: text("phone").notNull(),
    email: text("email").notNull(),
    schoolCode: text("school_code"),
    returnReason: text("return_reason"),
    /** The account issued for this unit's administrator on approval. */
    issuedUserId: integer("issued_user_id").references(() => users.id),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [
    unique("roster_entries_campaign_unit_key").on(t.campaignId, t.unitId),
    index("roster_entries_submission_idx").on(t.submissionId),
    // A unit's rows in every campaign: what the kept counts (db/schema/counts.ts) move when the unit moves.
    index("roster_entries_unit_idx").on(t.unitId),
    // The duplicate checks: another unit's row in the same campaign with this email or phone.
    index("roster_entries_campaign_email_idx").on(t.campaignId, t.email),
    index("roster_entries_campaign_phone_idx").on(t.campaignId, t.phone),
    check("roster_entries_email_lower", sql`${t.email} = lower(${t.email})`),
    check("roster_entries_school_code_format", sql`${t.schoolCode} is null or ${t.schoolCode} ~ '^[0-9]{10}$'`),
  ],
);

/** The printed, stamped table scanned back in (填报单位（盖章）). */
export const submissionScans = pgTable("submission_scans", {
  submissionId: integer("submission_id")
    .primaryKey()
    .references(() => submissions.id),
  ...storedFileColumns(),
  uploadedBy: integer("uploaded_by").references(() => users.id),
  /** The table's content (header and rows) when the scan was uploaded: a later change makes the scan outdated. Null for scans from before it was recorded, which count as outdated. */
  tableFingerprint: text("table_fingerprint"),
  /** Set when a 「退回」 asked for a new scan: this one no longer counts for 「提交」. */
  rejectedAt: timestamp("rejected_at", { withTimezone: true }),
});

/** Append-only history of a submission (the timeline). */
export const submissionEvents = pgTable(
  "submission_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  // The timeline's pages: newest first, by (at, id).
  (t) => [index("submission_events_submission_idx").on(t.submissionId, t.at, t.id)],
);

export type SnapshotRow = { unitId: number; unitName: string; name: string; position: string; phone: string; email: string; schoolCode: string | null };

/** The rows as they were at each 「提交」: what a reviewer diffs a resubmission against. */
export const submissionSnapshots = pgTable(
  "submission_snapshots",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id),
    round: integer("round").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    rows: jsonb("rows").$type<SnapshotRow[]>().notNull(),
  },
  (t) => [unique("submission_snapshots_round_key").on(t.submissionId, t.round)],
);

export type Submission = typeof submissions.$inferSelect;
export type SubmissionStatus = (typeof submissionStatus.enumValues)[number];
export type RosterEntry = typeof rosterEntries.$inferSelect;
