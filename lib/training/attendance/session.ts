// A training session as the province manages its attendance: found only within the actor's scope (the publishing
// unit's subtree), locked while a command changes its lines, its scan or its registrations' attendance.
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { isCampaignInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { DomainError, notFound } from "@/lib/core/errors";
import { may } from "@/lib/core/policy";
import { formatDateTime } from "@/lib/time";
import type { Registrant } from "./match";

const SESSION = {
  id: col.int,
  campaignId: col.int,
  phaseId: col.int,
  title: col.text,
  startsAt: col.instant,
  capacity: col.int,
  remedial: col.bool,
  version: col.int,
  closedAt: col.instantOrNull,
};

export type AttendanceSession = { id: number; campaignId: number; phaseId: number; title: string; startsAt: Date; capacity: number; remedial: boolean; version: number; closedAt: Date | null };

/** The session if the actor oversees its task; `lock` row-locks it for the command's transaction. */
export async function sessionInScope(db: DbOrTx, actor: Actor, sessionId: number, { lock = false } = {}): Promise<AttendanceSession> {
  const session = await queryRow(
    db,
    SESSION,
    sql`select s.id, s.campaign_id as "campaignId", s.phase_id as "phaseId", s.title, s.starts_at as "startsAt", s.capacity, s.remedial, s.version, s.closed_at as "closedAt"
        from training_sessions s join campaigns c on c.id = s.campaign_id and c.kind = 'training'
        where s.id = ${sessionId} and ${isCampaignInScope(actor, sql`c.owner_unit_id`)}
        ${lock ? sql`for update of s` : sql``}`,
  );
  if (!session) throw notFound();
  return session;
}

/** The session if the actor may manage its task's attendance (training.manage, in scope); null otherwise, for pages and downloads. */
export async function managedSession(db: DbOrTx, actor: Actor, sessionId: number): Promise<AttendanceSession | null> {
  if (!may(actor.role, "training.manage")) return null;
  try {
    return await sessionInScope(db, actor, sessionId);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** The same, refused once the session is closed: its attendance is final. */
export async function openSession(tx: Tx, actor: Actor, sessionId: number, options: { lock?: boolean } = {}): Promise<AttendanceSession> {
  const session = await sessionInScope(tx, actor, sessionId, options);
  if (session.closedAt) throw new DomainError(`「${session.title}」已于 ${formatDateTime(session.closedAt)} 关闭，签到结果已确定，不能再修改。`);
  return session;
}

/** Who is registered for a session: the 回执 its units confirmed (a draft is nobody's registration yet). */
export async function registrantsOf(db: DbOrTx, sessionId: number): Promise<Registrant[]> {
  return queryRows(
    db,
    { id: col.int, name: col.text, phone: col.text, unitName: col.text },
    sql`select r.id, r.name, r.phone, u.name as "unitName" from training_registrations r join units u on u.id = r.unit_id
        where r.session_id = ${sessionId} and r.state in ('confirmed', 'approved') order by u.name, r.id`,
  );
}
