import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { role } from "./users";

export const auditOutcome = pgEnum("audit_outcome", ["success", "denied", "rejected"]);

/**
 * Append-only: a trigger in the migrations refuses UPDATE and DELETE, and the application's database
 * role may only SELECT and INSERT. Each row is chained to the one before it (`seq`, `hash`, set by a
 * trigger): `npm run audit:verify` finds a row changed, removed or slipped in by anyone, the owner included.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id"),
    role: role("role"),
    unitId: integer("unit_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: auditOutcome("outcome").notNull(),
    ip: text("ip"),
    /** The id proxy.ts gave the HTTP request, also in that request's server log line; null outside a request. */
    requestId: text("request_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    /** Position in the chain, 1, 2, 3, … in the order rows were written (ids are handed out before commit order is known). */
    seq: bigint("seq", { mode: "number" }),
    /** sha256(previous row's hash ‖ this row's canonical text), hex. */
    hash: text("hash"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_user_idx").on(t.userId, t.at), uniqueIndex("audit_log_seq_key").on(t.seq)],
);

export type AuditOutcome = (typeof auditOutcome.enumValues)[number];
