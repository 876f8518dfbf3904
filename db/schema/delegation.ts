import { type AnyPgColumn, index, integer, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { submissions } from "./submissions";
import { units } from "./units";
import { users } from "./users";

/** Whether a delegate is still filling its rows or has handed them to the city (提交给市级). */
export const delegationState = pgEnum("delegation_state", ["filling", "submitted"]);

/**
 * Where one delegated row stands: 待下级填写, 下级已提交, 已确认 (by the city), 已退回下级; and for a school's row its
 * collecting county handed on to it, 县级已确认 (accepted) until the county hands it in to the city with its own.
 */
export const delegatedRowState = pgEnum("delegated_row_state", ["assigned", "submitted", "confirmed", "returned", "accepted"]);

/**
 * 分派填报 (三级联动): a unit under the reporting city that fills some rows of the city's table — a county bureau its
 * own row (and its schools' rows when it collects them), a school its own. One per submission and delegate unit.
 */
export const delegations = pgTable(
  "delegations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id),
    delegateUnitId: integer("delegate_unit_id")
      .notNull()
      .references(() => units.id),
    /**
     * A school's delegation under its collecting county's: the county handed the school's row on to it, decides on
     * what the school hands in (提交给县级), and hands it to the city with its own rows. Null for the city's delegates.
     */
    parentDelegationId: integer("parent_delegation_id").references((): AnyPgColumn => delegations.id),
    /** The city's internal deadline for this delegate, before the campaign's own. */
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    state: delegationState("state").notNull().default("filling"),
    /** Bumped by every change of the delegation or its rows' states; a decision carries the version it saw. */
    version: integer("version").notNull().default(1),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: integer("submitted_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
  },
  (t) => [unique("delegations_submission_delegate_key").on(t.submissionId, t.delegateUnitId), index("delegations_delegate_idx").on(t.delegateUnitId), index("delegations_parent_idx").on(t.parentDelegationId)],
);

/** One row of the city's table handed to a delegate; a row without one is the city's own to fill (待分派). */
export const delegatedRows = pgTable(
  "delegated_rows",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    delegationId: integer("delegation_id")
      .notNull()
      .references(() => delegations.id),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    state: delegatedRowState("state").notNull().default("assigned"),
    /** Why the city returned the row (已退回下级), shown to the delegate until it submits again. */
    returnReason: text("return_reason"),
    /** Who last confirmed or returned it, and when. */
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: integer("decided_by").references(() => users.id),
  },
  (t) => [unique("delegated_rows_submission_unit_key").on(t.submissionId, t.unitId), index("delegated_rows_delegation_idx").on(t.delegationId)],
);

export type Delegation = typeof delegations.$inferSelect;
export type DelegatedRowState = (typeof delegatedRowState.enumValues)[number];
