import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { units } from "./units";

export const role = pgEnum("role", [
  "province_admin",
  "province_reviewer",
  "city_officer",
  "county_officer",
  "school_staff",
  "auditor",
  "security_admin",
  "ministry_viewer",
]);

export const userStatus = pgEnum("user_status", ["invited", "active", "locked", "disabled"]);

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    role: role("role").notNull(),
    status: userStatus("status").notNull().default("invited"),
    passwordHash: text("password_hash"),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    /** When the current run of failures began: 5 inside 15 minutes of it lock the account. */
    failureWindowStartedAt: timestamp("failure_window_started_at", { withTimezone: true }),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_unit_idx").on(t.unitId),
    check("users_email_lower", sql`${t.email} = lower(${t.email})`),
    check("users_active_has_password", sql`${t.status} <> 'active' or ${t.passwordHash} is not null`),
  ],
);

/** Server-side sessions: the JWT only carries this row's id, so ending a row ends the session. */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** When this session gave its second factor; null until then (or for an account that signs in without one). */
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
    /** Wrong codes given in this session: the fifth ends it. */
    secondFactorFailures: integer("second_factor_failures").notNull().default(0),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/** An account's enrolled authenticator (TOTP, RFC 6238). The secret is stored sealed (AES-256-GCM), never readable. */
export const userSecondFactors = pgTable("user_second_factors", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  secretSealed: text("secret_sealed").notNull(),
  /** The newest 30-second time step whose code was accepted: a code is accepted once, and never an older one. */
  lastUsedStep: integer("last_used_step").notNull(),
  enrolledAt: timestamp("enrolled_at", { withTimezone: true }).notNull(),
});

/** Single-use recovery codes for when the authenticator is not at hand; only a keyed hash is stored. */
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("user_recovery_codes_user_code_key").on(t.userId, t.codeHash)],
);

export type User = typeof users.$inferSelect;
export type Role = (typeof role.enumValues)[number];
export type UserStatus = (typeof userStatus.enumValues)[number];

/**
 * Fixed-window counters for what a client may try (failed logins per address, reset requests per
 * address and per email): kept in PostgreSQL so every web process sees the same count.
 */
export const throttles = pgTable("throttles", {
  key: text("key").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});
