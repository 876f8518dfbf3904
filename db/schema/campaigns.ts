import { type AnyPgColumn, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { storedFileColumns } from "./columns";
import { units } from "./units";

export const campaignStatus = pgEnum("campaign_status", ["draft", "published", "closed"]);

/**
 * What a campaign asks of its units. Every kind shares the engine (assignments, one submission per reporting unit,
 * deadline, reminder slots, 催报, completeness, bulletin, audit); each brings its own content, pages and figures:
 * `roster` the 单位系统管理员实名信息表 (roster_entries), `training` the 培训回执 and attendance (db/schema/training.ts),
 * `verification` the schools' discrepancies against the reference data and their confirmation (db/schema/verification.ts).
 */
export const campaignKind = pgEnum("campaign_kind", ["roster", "training", "verification"]);

export type CampaignContact = { name: string; phone: string; email: string; role: string };

export const campaigns = pgTable("campaigns", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  kind: campaignKind("kind").notNull().default("roster"),
  /** The task this one draws on: a training task's participants are the approved administrators of its roster task. */
  sourceCampaignId: integer("source_campaign_id").references((): AnyPgColumn => campaigns.id),
  title: text("title").notNull(),
  docNumber: text("doc_number").notNull(),
  issuer: text("issuer").notNull(),
  /** The unit that publishes the campaign (a province bureau): whose province roles see and manage it. */
  ownerUnitId: integer("owner_unit_id")
    .notNull()
    .references(() => units.id),
  body: text("body").notNull(),
  deadline: timestamp("deadline", { withTimezone: true }).notNull(),
  status: campaignStatus("status").notNull().default("draft"),
  contacts: jsonb("contacts").$type<CampaignContact[]>().notNull().default([]),
  /** 填表说明: the numbered notes printed under the table and written into its Excel files. */
  tableNotes: jsonb("table_notes").$type<string[]>().notNull().default([]),
  /** Minutes relative to the deadline at which reminders go out (negative = before). */
  reminderOffsets: jsonb("reminder_offsets").$type<number[]>().notNull().default([-4320, -1440, -180, 60]),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  /** When the retention job blanked the campaign's personal data (PERSONAL_DATA_RETENTION_DAYS after closing). */
  personalDataPurgedAt: timestamp("personal_data_purged_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("campaigns_owner_unit_idx").on(t.ownerUnitId)]);

/** Which reporting units must submit for a campaign. */
export const campaignAssignments = pgTable(
  "campaign_assignments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [unique("campaign_assignments_campaign_unit_key").on(t.campaignId, t.unitId), index("campaign_assignments_unit_idx").on(t.unitId)],
);

/** Files published with a campaign's notice (PDF, DOCX, XLSX). */
export const campaignAttachments = pgTable("campaign_attachments", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  campaignId: integer("campaign_id")
    .notNull()
    .references(() => campaigns.id),
  ...storedFileColumns(),
});

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignStatus = (typeof campaignStatus.enumValues)[number];
export type CampaignKind = (typeof campaignKind.enumValues)[number];
