import "server-only";
// The attendance page of a session: its registrations and their attendance, the imported lines (those to resolve
// first), the 签到表's scan, and the absent of the phase's closed sessions with the 补训 sessions they can go to.
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db";
import { col, queryRow, queryRows } from "@/db/rows";
import { attendanceMatch, attendanceState, registrationState, trainingMode } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { managedSession } from "./session";

const SESSION_VIEW = {
  id: col.int,
  campaignId: col.int,
  campaignTitle: col.text,
  phaseTitle: col.text,
  title: col.text,
  mode: col.oneOf(trainingMode.enumValues),
  startsAt: col.instant,
  endsAt: col.instant,
  place: col.textOrNull,
  meetingLink: col.textOrNull,
  capacity: col.int,
  remedial: col.bool,
  closedAt: col.instantOrNull,
  closedByName: col.textOrNull,
};

const REGISTRATION_VIEW = {
  id: col.int,
  unitName: col.text,
  name: col.text,
  position: col.text,
  phone: col.text,
  state: col.oneOf(registrationState.enumValues),
  attendance: col.oneOf(attendanceState.enumValues),
  remedialOfSession: col.textOrNull,
  matchedLines: col.int,
};

const LINE_VIEW = {
  id: col.int,
  line: col.int,
  name: col.text,
  phone: col.textOrNull,
  unitName: col.textOrNull,
  joinedAt: col.instantOrNull,
  leftAt: col.instantOrNull,
  durationMinutes: col.intOrNull,
  match: col.oneOf(attendanceMatch.enumValues),
  registrationId: col.intOrNull,
  importedAt: col.instant,
};

const ABSENT_VIEW = { id: col.int, sessionTitle: col.text, unitName: col.text, name: col.text, phone: col.text, remedialSession: col.textOrNull };

const REMEDIAL_VIEW = { id: col.int, title: col.text, startsAt: col.instant, free: col.int };

export type SessionAttendance = {
  session: z.output<z.ZodObject<typeof SESSION_VIEW>>;
  registrations: Awaited<ReturnType<typeof registrationsOf>>;
  lines: Awaited<ReturnType<typeof linesOf>>;
  scan: { fileName: string; size: number; uploadedAt: Date; uploadedByName: string | null } | null;
  absent: Awaited<ReturnType<typeof absentOf>>;
  remedialSessions: Awaited<ReturnType<typeof remedialSessionsOf>>;
};

/** Null when the actor may not manage the session's task or it is outside its scope. */
export async function getSessionAttendanceForActor({ db, actor, sessionId }: { db: DbOrTx; actor: Actor; sessionId: number }): Promise<SessionAttendance | null> {
  if (!(await managedSession(db, actor, sessionId))) return null;
  const session = (await queryRow(
    db,
    SESSION_VIEW,
    sql`select s.id, s.campaign_id as "campaignId", c.title as "campaignTitle", p.title as "phaseTitle", s.title, s.mode, s.starts_at as "startsAt",
               s.ends_at as "endsAt", s.place, s.meeting_link as "meetingLink", s.capacity, s.remedial, s.closed_at as "closedAt", u.name as "closedByName"
        from training_sessions s join campaigns c on c.id = s.campaign_id join training_phases p on p.id = s.phase_id
        left join users u on u.id = s.closed_by
        where s.id = ${sessionId}`,
  ))!;
  const [scan] = await queryRows(
    db,
    { fileName: col.text, size: col.int, uploadedAt: col.instant, uploadedByName: col.textOrNull },
    sql`select sc.file_name as "fileName", sc.size, sc.uploaded_at as "uploadedAt", u.name as "uploadedByName"
        from training_sign_in_scans sc left join users u on u.id = sc.uploaded_by where sc.session_id = ${sessionId}`,
  );
  return {
    session,
    registrations: await registrationsOf(db, sessionId),
    lines: await linesOf(db, sessionId),
    scan: scan ?? null,
    absent: await absentOf(db, sessionId),
    remedialSessions: await remedialSessionsOf(db, sessionId),
  };
}

function registrationsOf(db: DbOrTx, sessionId: number) {
  return queryRows(
    db,
    REGISTRATION_VIEW,
    sql`select r.id, u.name as "unitName", r.name, r.position, r.phone, r.state, r.attendance, os.title as "remedialOfSession",
               (select count(*) from training_attendance_lines l where l.registration_id = r.id and l.match = 'matched')::int as "matchedLines"
        from training_registrations r join units u on u.id = r.unit_id
        left join training_registrations o on o.id = r.remedial_of left join training_sessions os on os.id = o.session_id
        where r.session_id = ${sessionId} order by u.name, r.id`,
  );
}

/** Lines waiting for a person first, then in the file's order. */
function linesOf(db: DbOrTx, sessionId: number) {
  return queryRows(
    db,
    LINE_VIEW,
    sql`select l.id, l.line, l.name, l.phone, l.unit_name as "unitName", l.joined_at as "joinedAt", l.left_at as "leftAt",
               l.duration_minutes as "durationMinutes", l.match, l.registration_id as "registrationId", l.imported_at as "importedAt"
        from training_attendance_lines l where l.session_id = ${sessionId}
        order by (l.match in ('unmatched', 'ambiguous')) desc, l.line`,
  );
}

/** The absent of the phase's closed sessions (this one's included), and the 补训 session each is already on. */
function absentOf(db: DbOrTx, sessionId: number) {
  return queryRows(
    db,
    ABSENT_VIEW,
    sql`select r.id, s.title as "sessionTitle", u.name as "unitName", r.name, r.phone,
               (select ms.title from training_registrations m join training_sessions ms on ms.id = m.session_id where m.remedial_of = r.id limit 1) as "remedialSession"
        from training_sessions me
        join training_sessions s on s.phase_id = me.phase_id and s.closed_at is not null
        join training_registrations r on r.session_id = s.id and r.attendance = 'absent'
        join units u on u.id = r.unit_id
        where me.id = ${sessionId}
        order by s.starts_at, u.name, r.id`,
  );
}

/** The phase's open 补训 sessions and their free seats (capacity minus registrations). */
function remedialSessionsOf(db: DbOrTx, sessionId: number) {
  return queryRows(
    db,
    REMEDIAL_VIEW,
    sql`select s.id, s.title, s.starts_at as "startsAt",
               s.capacity - (select count(*) from training_registrations r where r.session_id = s.id)::int as free
        from training_sessions me join training_sessions s on s.phase_id = me.phase_id and s.remedial and s.closed_at is null
        where me.id = ${sessionId} order by s.starts_at, s.id`,
  );
}
