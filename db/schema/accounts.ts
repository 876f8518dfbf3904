import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

export const tokenPurpose = pgEnum("token_purpose", ["activation", "password_reset"]);

/** Single-use links (activation, password reset). Only a hash of the token is stored. */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    purpose: tokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** Set when a newer link of the same purpose replaces this one. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId, t.purpose)],
);

export type TokenPurpose = (typeof tokenPurpose.enumValues)[number];

/** The hashes a user's password had before the current one: a new password may not repeat the last few. */
export const passwordHistory = pgTable(
  "password_history",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    passwordHash: text("password_hash").notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_history_user_idx").on(t.userId, t.replacedAt)],
);

/**
 * 「忘记密码」 requests, queued: the form costs the same whether or not the email has an account, and the
 * worker decides whether a reset link goes out.
 */
export const passwordResetRequests = pgTable(
  "password_reset_requests",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    ip: text("ip"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [index("password_reset_requests_pending_idx").on(t.requestedAt).where(sql`${t.processedAt} is null`)],
);
