import { integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { units } from "./units";

// Counts kept up to date by triggers on units and roster_entries (migration 0018), so that the dashboard
// adds up a few hundred parents instead of visiting every school: written only by those triggers. No CHECK that
// they stay at or above zero: an upsert checks the row it would insert (a negative delta) before it meets the conflict.

/** Each unit's active children (units whose reporting parent it is), active or not itself. */
export const unitChildCounts = pgTable(
  "unit_child_counts",
  {
    parentId: integer("parent_id")
      .primaryKey()
      .references(() => units.id, { onDelete: "cascade" }),
    activeChildren: integer("active_children").notNull(),
  },
);

/** Per campaign and unit: how many of its active children have their row (roster_entries) in the campaign. */
export const rosterChildCounts = pgTable(
  "roster_child_counts",
  {
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    parentId: integer("parent_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    filled: integer("filled").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.parentId] })],
);
