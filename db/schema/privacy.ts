import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Who accepted which version of the privacy notice (个人信息处理规则), and when. */
export const privacyAcceptances = pgTable(
  "privacy_acceptances",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    version: text("version").notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);
