import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { units } from "./units";
import { users } from "./users";

export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed"]);

/** Transactional outbox: written with the change that causes the email, sent by the worker. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /**
     * The secret link (activation, reset) that the bodies' placeholder stands for, AES-256-GCM sealed under
     * AUTH_SECRET; the worker fills it in when sending and clears it once the provider has the email.
     */
    linkSecret: text("link_secret"),
    /** activation, password_reset, reminder, overdue, urge, digest, campaign_published, … */
    kind: text("kind").notNull(),
    /** Unique when present: queuing the same reminder twice is a no-op. */
    dedupeKey: text("dedupe_key").unique(),
    userId: integer("user_id").references(() => users.id),
    campaignId: integer("campaign_id").references(() => campaigns.id),
    unitId: integer("unit_id").references(() => units.id),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A worker's lease on the row while it sends; another worker may take it once this passes. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** "resend" id, or "local" for the built-in mailbox. */
    providerId: text("provider_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    bouncedAt: timestamp("bounced_at", { withTimezone: true }),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_unit_idx").on(t.unitId, t.kind, t.createdAt),
    index("email_outbox_user_idx").on(t.userId),
  ],
);

/** Addresses the provider reported as bounced: nothing more is sent to them until corrected. */
export const emailSuppressions = pgTable("email_suppressions", {
  address: text("address").primaryKey(),
  reason: text("reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type OutboxEmail = typeof emailOutbox.$inferSelect;
