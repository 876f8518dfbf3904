import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { idsIn } from "@/db/rows";
import { privacyAcceptances, units, userSecondFactors, users, userSessions } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { PRIVILEGED_ROLES } from "@/lib/core/roles";
import { env } from "@/lib/env";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";
import { usesSecondFactor } from "./second-factor";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a signed-in person must do before anything else: a gate blocks every page and action but its own.
 * In this order: `second_factor_enrol`, an account that must sign in with a second factor and has none
 * yet; `second_factor`, an enrolled account whose session has not given its code; `password_expired`,
 * a privileged account whose password is older than PASSWORD_MAX_AGE_DAYS; `privacy_notice`, an account
 * that has not accepted the current version of the privacy notice (at its first sign-in, and after each change).
 */
export type SessionGate = "second_factor_enrol" | "second_factor" | "password_expired" | "privacy_notice";

export type SignedIn = { actor: Actor; gate: SessionGate | null };

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Writing last_seen_at on every request would be a write per page view; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The actor behind a session id when no gate stands in the way (see getSignedInBySession). */
export async function getActorBySession(args: { db: DbOrTx; sessionId: string; now: Date }): Promise<Actor | null> {
  const signedIn = await getSignedInBySession(args);
  return signedIn && !signedIn.gate ? signedIn.actor : null;
}

/**
 * Who is behind a session id, and the gate they must pass first; null when the session is unknown,
 * ended, idle too long, too old, or its user is no longer active or changed password since.
 */
export async function getSignedInBySession({ db, sessionId, now }: { db: DbOrTx; sessionId: string; now: Date }): Promise<SignedIn | null> {
  if (!UUID.test(sessionId)) return null;
  const [row] = await db
    .select({ session: userSessions, user: users, unit: { name: units.name, kind: units.kind }, enrolled: userSecondFactors.userId, accepted: privacyAcceptances.userId })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .leftJoin(userSecondFactors, eq(userSecondFactors.userId, users.id))
    .leftJoin(privacyAcceptances, and(eq(privacyAcceptances.userId, users.id), eq(privacyAcceptances.version, PRIVACY_NOTICE_VERSION)))
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
  if (!row) return null;
  const { session, user, unit, enrolled, accepted } = row;

  const endReason =
    user.status !== "active"
      ? "account_inactive"
      : user.passwordChangedAt && user.passwordChangedAt > session.createdAt
        ? "password_changed"
        : now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS
          ? "idle"
          : now.getTime() - session.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS
            ? "expired"
            : null;
  if (endReason) {
    await endSessions({ db, sessionId, reason: endReason, now });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, sessionId));
  }
  const actor = { userId: user.id, sessionId, name: user.name, email: user.email, role: user.role, unitId: user.unitId, unitName: unit.name, unitKind: unit.kind };
  return { actor, gate: gateOf({ user, session, enrolled: enrolled !== null, accepted: accepted !== null, now }) };
}

function gateOf({
  user,
  session,
  enrolled,
  accepted,
  now,
}: {
  user: typeof users.$inferSelect;
  session: typeof userSessions.$inferSelect;
  enrolled: boolean;
  accepted: boolean;
  now: Date;
}): SessionGate | null {
  // An enrolled factor is always asked for, also from a filler after FILLER_SECOND_FACTOR was turned off.
  if (!session.secondFactorAt && enrolled) return "second_factor";
  if (!session.secondFactorAt && usesSecondFactor(user.role)) return "second_factor_enrol";
  if (passwordExpired(user, now)) return "password_expired";
  return accepted ? null : "privacy_notice";
}

function passwordExpired(user: { role: Actor["role"]; passwordChangedAt: Date | null; createdAt: Date }, now: Date): boolean {
  if (!PRIVILEGED_ROLES.includes(user.role)) return false;
  const changedAt = user.passwordChangedAt ?? user.createdAt;
  return now.getTime() - changedAt.getTime() > env().PASSWORD_MAX_AGE_DAYS * DAY_MS;
}

/** Ends one session, or every open session of a user (or of several users). */
export async function endSessions({
  db,
  now,
  reason,
  ...target
}: { db: DbOrTx; now: Date; reason: string } & ({ sessionId: string } | { userId: number } | { userIds: number[] })): Promise<void> {
  const where =
    "sessionId" in target ? eq(userSessions.id, target.sessionId) : "userId" in target ? eq(userSessions.userId, target.userId) : sql`${userSessions.userId} in ${idsIn(target.userIds)}`;
  await db
    .update(userSessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(where, isNull(userSessions.endedAt)));
}
