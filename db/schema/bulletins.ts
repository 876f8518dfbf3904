import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { users } from "./users";

/** A 通报: figures frozen when generated, so later edits never change what was published. */
export const bulletins = pgTable("bulletins", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  campaignId: integer("campaign_id")
    .notNull()
    .references(() => campaigns.id),
  title: text("title").notNull(),
  /** The snapshot: whatever the bulletin shows, as computed at generatedAt. */
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  generatedAt: timestamp("generated_at", { withTimezone: true }).notNull().defaultNow(),
  generatedBy: integer("generated_by").references(() => users.id),
  publishedAt: timestamp("published_at", { withTimezone: true }),
});
