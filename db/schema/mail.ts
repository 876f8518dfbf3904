import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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
    kind: text("kind").notNull(),
    /** Unique when present: queuing the same reminder twice is a no-op. */
    dedupeKey: text("dedupe_key").unique(),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
