// 数据核验 (§三.3, §四.2): a campaign of kind `verification`. The province uploads read-only reference snapshots (by
// source and school year); rules compare them school by school against each other and the unit tree; each difference is
// a discrepancy the school answers; schools, counties, cities and the province then confirm, level by level.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { storedFileColumns } from "./columns";
import { units } from "./units";
import { users } from "./users";

/**
 * Where a snapshot comes from: 学校（机构）代码管理信息系统, 教育事业统计, 全国中等职业学校学生管理信息系统,
 * 全国教师管理信息系统.
 */
export const referenceSource = pgEnum("reference_source", ["school_codes", "statistics", "students", "teachers"]);

/**
 * One upload of a source for a school year, read-only once imported. A new upload of the same source and year is the
 * next version (the rules read the latest); the same file again is recognised by its hash and changes nothing.
 */
export const referenceSnapshots = pgTable(
  "reference_snapshots",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** The province bureau whose snapshot it is. */
    ownerUnitId: integer("owner_unit_id")
      .notNull()
      .references(() => units.id),
    source: referenceSource("source").notNull(),
    /** The school year the figures describe, e.g. 2020 for 2020学年. */
    schoolYear: integer("school_year").notNull(),
    version: integer("version").notNull(),
    fileName: text("file_name").notNull(),
    /** sha256 of the uploaded bytes. */
    fileHash: text("file_hash").notNull(),
    records: integer("records").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    importedBy: integer("imported_by").references(() => users.id),
  },
  (t) => [
    unique("reference_snapshots_version_key").on(t.ownerUnitId, t.source, t.schoolYear, t.version),
    unique("reference_snapshots_file_key").on(t.ownerUnitId, t.source, t.schoolYear, t.fileHash),
    check("reference_snapshots_school_year", sql`${t.schoolYear} between 2000 and 2100`),
  ],
);

/** A school's line of a snapshot, keyed by its 10-digit 学校标识码; `fields` holds the source's columns by key. */
export const referenceRecords = pgTable(
  "reference_records",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => referenceSnapshots.id),
    schoolCode: text("school_code").notNull(),
    /** Its line in the uploaded file (counting the header), so lists can point back to it. */
    line: integer("line").notNull(),
    fields: jsonb("fields").$type<Record<string, string | number | null>>().notNull(),
  },
  (t) => [
    unique("reference_records_snapshot_school_key").on(t.snapshotId, t.schoolCode),
    index("reference_records_school_idx").on(t.schoolCode),
    check("reference_records_school_code_format", sql`${t.schoolCode} ~ '^[0-9]{10}$'`),
  ],
);

/** A verification task's own setting: the school year it checks (the year before is its 同比 base). */
export const verificationTasks = pgTable(
  "verification_tasks",
  {
    campaignId: integer("campaign_id")
      .primaryKey()
      .references(() => campaigns.id),
    schoolYear: integer("school_year").notNull(),
  },
  (t) => [check("verification_tasks_school_year", sql`${t.schoolYear} between 2000 and 2100`)],
);

/** 错误 blocks the school's confirmation until corrected; 提示 needs an explanation. */
export const discrepancySeverity = pgEnum("discrepancy_severity", ["error", "notice"]);

/**
 * The comparisons the province runs, one row per rule and province: its name, severity and tolerance are the province's
 * to edit; what it compares is the code's (lib/verification/rules).
 */
export const verificationRules = pgTable(
  "verification_rules",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ownerUnitId: integer("owner_unit_id")
      .notNull()
      .references(() => units.id),
    /** Which comparison (missing_from_source, voided_code, name_differs, students_vs_statistics, year_on_year …). */
    code: text("code").notNull(),
    name: text("name").notNull(),
    severity: discrepancySeverity("severity").notNull(),
    /** A relative tolerance (0.3 = ±30%) for rules that compare counts; null for the others. */
    tolerance: numeric("tolerance", { precision: 6, scale: 4, mode: "number" }),
    enabled: boolean("enabled").notNull().default(true),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [unique("verification_rules_owner_code_key").on(t.ownerUnitId, t.code), check("verification_rules_tolerance", sql`${t.tolerance} is null or ${t.tolerance} >= 0`)],
);

/**
 * 待处理, answered 已在源系统更正 (with the corrected value) or 情况说明 (with text), 已关闭 when a new snapshot no longer
 * differs, 已退回 when a level above sends the answer back with a reason.
 */
export const discrepancyState = pgEnum("discrepancy_state", ["open", "corrected", "explained", "closed", "returned"]);

/**
 * One difference a rule found for a school in a verification task, with both values. `key` names it within the school
 * (rule and indicator), so a re-run after a new snapshot updates or closes the same item instead of adding another.
 */
export const discrepancies = pgTable(
  "discrepancies",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    ruleId: integer("rule_id")
      .notNull()
      .references(() => verificationRules.id),
    key: text("key").notNull(),
    severity: discrepancySeverity("severity").notNull(),
    /** What is compared, in words (e.g. 在籍学生数（学生系统） / 在校生数（事业统计）), and the two values as shown. */
    subject: text("subject").notNull(),
    leftLabel: text("left_label").notNull(),
    leftValue: text("left_value"),
    rightLabel: text("right_label").notNull(),
    rightValue: text("right_value"),
    state: discrepancyState("state").notNull().default("open"),
    correctedValue: text("corrected_value"),
    explanation: text("explanation"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredBy: integer("answered_by").references(() => users.id),
    returnReason: text("return_reason"),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    returnedBy: integer("returned_by").references(() => users.id),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    unique("discrepancies_campaign_unit_key").on(t.campaignId, t.unitId, t.key),
    index("discrepancies_campaign_state_idx").on(t.campaignId, t.state),
    check("discrepancies_corrected_has_value", sql`${t.state} <> 'corrected' or ${t.correctedValue} is not null`),
    check("discrepancies_explained_has_text", sql`${t.state} <> 'explained' or ${t.explanation} is not null`),
  ],
);

/** A 情况说明's attachment, when it has one. */
export const discrepancyAttachments = pgTable("discrepancy_attachments", {
  discrepancyId: integer("discrepancy_id")
    .primaryKey()
    .references(() => discrepancies.id),
  ...storedFileColumns(),
});

/**
 * 逐级确认: a unit (school, county, city, province) confirmed its part of a verification task. A level confirms only when
 * every unit below it has; a confirmation locks the level below until it is withdrawn or a level above returns an item.
 */
export const verificationConfirmations = pgTable(
  "verification_confirmations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull(),
    confirmedBy: integer("confirmed_by").references(() => users.id),
  },
  (t) => [unique("verification_confirmations_campaign_unit_key").on(t.campaignId, t.unitId)],
);

export type ReferenceSource = (typeof referenceSource.enumValues)[number];
export type ReferenceSnapshot = typeof referenceSnapshots.$inferSelect;
export type VerificationRule = typeof verificationRules.$inferSelect;
export type Discrepancy = typeof discrepancies.$inferSelect;
export type DiscrepancySeverity = (typeof discrepancySeverity.enumValues)[number];
export type DiscrepancyState = (typeof discrepancyState.enumValues)[number];
