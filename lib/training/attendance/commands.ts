// 培训签到: the province imports a session's 签到表 or meeting export, resolves what did not match, uploads the signed
// 签到表's scan and closes the session, which makes attendance final; the absent are then put on a 补训 session.
import { count, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { trainingAttendanceLines, trainingRegistrations, trainingSessions, trainingSignInScans } from "@/db/schema";
import { defineCommand } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import { sniffScanType } from "@/lib/roster/scan";
import { lockSubmissionForWrite } from "@/lib/submissions/lock";
import { commitImport, type ImportKind, previewImport } from "@/lib/xlsx/pipeline";
import { type AttendanceFormat, detectFormat } from "./formats";
import { type AttendanceColumn, FORMAT_SPECS, type LineWrite, planAttendanceLines } from "./lines";
import { type AttendanceSession, openSession, registrantsOf } from "./session";
import { closeSessionSchema, commitAttendanceSchema, previewAttendanceSchema, resolveLineSchema, scheduleRemedialSchema, uploadSignInScanSchema } from "./schemas";

/** Reads the file (签到表 or meeting export, told by its headers) and shows each line's check and match. Writes nothing. */
export const previewAttendanceImportCommand = defineCommand({
  name: "training.preview_attendance_import",
  permission: "training.manage",
  input: previewAttendanceSchema,
  async run(ctx, input) {
    const session = await openSession(ctx.tx, ctx.actor, input.sessionId);
    return previewImport(ctx, attendanceImport(session, await formatOf(input)), input);
  },
});

/** Replaces the session's imported lines with the file's, all of them or none. */
export const commitAttendanceImportCommand = defineCommand({
  name: "training.commit_attendance_import",
  permission: "training.manage",
  input: commitAttendanceSchema,
  async run(ctx, input) {
    const session = await openSession(ctx.tx, ctx.actor, input.sessionId, { lock: true });
    return commitImport(ctx, attendanceImport(session, await formatOf(input)), input);
  },
});

async function formatOf(input: { file: File; sheet?: string }): Promise<AttendanceFormat> {
  return detectFormat(Buffer.from(await input.file.arrayBuffer()), input.sheet);
}

function attendanceImport(session: AttendanceSession, format: AttendanceFormat): ImportKind<AttendanceColumn, LineWrite> {
  return {
    ...FORMAT_SPECS[format],
    target: () => ({ type: "training_session", id: session.id }),
    plan: async (tx, rows) => planAttendanceLines(format, rows, { registrants: await registrantsOf(tx, session.id), sessionStartsAt: session.startsAt }),
    async write({ tx, actor, now }, plan) {
      // A new import replaces the earlier one whole, the lines resolved by hand included: the file is the record.
      await tx.delete(trainingAttendanceLines).where(eq(trainingAttendanceLines.sessionId, session.id));
      if (plan.writes.length === 0) return;
      await tx.insert(trainingAttendanceLines).values(
        plan.writes.map((w) => ({
          sessionId: session.id,
          line: w.line,
          name: w.name,
          phone: w.phone,
          unitName: w.unitName,
          joinedAt: w.joinedAt,
          leftAt: w.leftAt,
          durationMinutes: w.durationMinutes,
          match: w.outcome.match,
          registrationId: w.outcome.match === "matched" ? w.outcome.registrationId : null,
          importedAt: now,
          importedBy: actor.userId,
        })),
      );
    },
  };
}

/** An unmatched or ambiguous line (or a wrong match) given its registration by hand, or ignored. */
export const resolveAttendanceLineCommand = defineCommand({
  name: "training.resolve_attendance_line",
  permission: "training.manage",
  input: resolveLineSchema,
  async run({ tx, actor, target }, input) {
    const [line] = await tx.select({ sessionId: trainingAttendanceLines.sessionId }).from(trainingAttendanceLines).where(eq(trainingAttendanceLines.id, input.lineId));
    if (!line) throw notFound();
    const session = await openSession(tx, actor, line.sessionId, { lock: true });
    if (input.registrationId !== null && !(await registrantsOf(tx, session.id)).some((r) => r.id === input.registrationId)) {
      throw new DomainError("", { fieldErrors: { registrationId: "报名人员：请选择本场次已确认的报名人员" } });
    }
    const set = input.registrationId === null ? { match: "ignored" as const, registrationId: null } : { match: "matched" as const, registrationId: input.registrationId };
    await tx.update(trainingAttendanceLines).set(set).where(eq(trainingAttendanceLines.id, input.lineId));
    target("training_attendance_line", input.lineId, { sessionId: session.id, ...set });
    return set;
  },
});

/** The signed 签到表, scanned: PDF, JPG or PNG by its content; a new upload replaces the old one. */
export const uploadSignInScanCommand = defineCommand({
  name: "training.upload_sign_in_scan",
  permission: "training.manage",
  input: uploadSignInScanSchema,
  async run({ tx, actor, now, target }, input) {
    const session = await openSession(tx, actor, input.sessionId, { lock: true });
    const content = Buffer.from(await input.file.arrayBuffer());
    const mimeType = sniffScanType(content);
    if (!mimeType) throw new DomainError("", { fieldErrors: { file: "扫描件须为 PDF、JPG 或 PNG 文件。该文件的内容不是这几种格式，请重新扫描或导出后上传。" } });
    const scan = { fileName: input.file.name.slice(0, 200) || "签到表扫描件", mimeType, size: content.length, content, uploadedAt: now, uploadedBy: actor.userId };
    await tx.insert(trainingSignInScans).values({ sessionId: session.id, ...scan }).onConflictDoUpdate({ target: trainingSignInScans.sessionId, set: scan });
    target("training_session", session.id, { fileName: scan.fileName, size: scan.size, mimeType });
    return { fileName: scan.fileName };
  },
});

/**
 * Makes attendance final: present for each registration with a matched line, absent for the others. Only with the
 * scanned 签到表 uploaded and every line matched or ignored.
 */
export const closeSessionCommand = defineCommand({
  name: "training.close_session",
  permission: "training.manage",
  input: closeSessionSchema,
  async run({ tx, actor, now, target }, input) {
    const session = await openSession(tx, actor, input.sessionId, { lock: true });
    const [scan] = await tx.select({ fileName: trainingSignInScans.fileName }).from(trainingSignInScans).where(eq(trainingSignInScans.sessionId, session.id));
    if (!scan) throw new DomainError("请先上传签字后的签到表扫描件，再关闭场次。");
    const lines = await tx
      .select({ match: trainingAttendanceLines.match, n: count() })
      .from(trainingAttendanceLines)
      .where(eq(trainingAttendanceLines.sessionId, session.id))
      .groupBy(trainingAttendanceLines.match);
    if (lines.length === 0) throw new DomainError("本场次还没有导入签到表或会议导出记录，请先导入，再关闭场次。");
    const unresolved = lines.filter((l) => l.match === "unmatched" || l.match === "ambiguous").reduce((n, l) => n + l.n, 0);
    if (unresolved > 0) throw new DomainError(`还有 ${unresolved} 行签到记录未能对应到报名人员，请逐行选择报名人员或「忽略」后再关闭场次。`);

    const marked = await tx.execute(sql`
      update training_registrations r
      set attendance = case when exists (select 1 from training_attendance_lines l where l.session_id = r.session_id and l.registration_id = r.id and l.match = 'matched')
                       then 'present'::training_attendance else 'absent'::training_attendance end
      where r.session_id = ${session.id} and r.state in ('confirmed', 'approved')
      returning r.attendance`);
    await tx
      .update(trainingSessions)
      .set({ closedAt: now, closedBy: actor.userId, version: sql`${trainingSessions.version} + 1` })
      .where(eq(trainingSessions.id, session.id));
    const present = marked.filter((r) => r.attendance === "present").length;
    target("training_session", session.id, { present, absent: marked.length - present, scan: scan.fileName });
    return { present, absent: marked.length - present };
  },
});

/**
 * 安排补训: the chosen absent registrants of the phase's closed sessions each get a registration on the 补训 session,
 * the same person for the same unit, approved (the province arranges it), pointing at the registration it makes up for.
 */
export const scheduleRemedialCommand = defineCommand({
  name: "training.schedule_remedial",
  permission: "training.manage",
  input: scheduleRemedialSchema,
  async run({ tx, actor, now, target }, input) {
    const session = await openSession(tx, actor, input.sessionId, { lock: true });
    if (!session.remedial) throw new DomainError(`「${session.title}」不是补训场次，请选择补训场次。`);
    const ids = [...new Set(input.registrationIds)];
    const absent = await absentOfPhase(tx, session, ids);
    if (absent.length !== ids.length) throw new DomainError("所选人员中有的不是本阶段已关闭场次的缺席人员，请刷新页面后重新选择。");
    const arranged = absent.filter((a) => a.arranged);
    if (arranged.length > 0) throw new DomainError(`${names(arranged)} 已安排过补训，请不要重复安排。`);

    const onSession = await tx
      .select({ unitId: trainingRegistrations.unitId })
      .from(trainingRegistrations)
      .where(eq(trainingRegistrations.sessionId, session.id));
    const taken = new Set(onSession.map((r) => r.unitId));
    const clash = absent.filter((a) => taken.has(a.unitId) || absent.some((b) => b !== a && b.unitId === a.unitId));
    if (clash.length > 0) throw new DomainError(`${names(clash)} 所在单位在补训场次已有（或将有）参训人员，每个单位在一个场次只能有一名参训人员，请分别安排到不同的补训场次。`);
    const free = session.capacity - onSession.length;
    if (absent.length > free) throw new DomainError(`「${session.title}」只剩 ${Math.max(free, 0)} 个名额，所选 ${absent.length} 人排不下，请减少人数或另选补训场次。`);

    // The 回执 belong to the units' submissions: held while they change, refused once the task is closed.
    for (const submissionId of [...new Set(absent.map((a) => a.submissionId))].sort((a, b) => a - b)) {
      await lockSubmissionForWrite(tx, actor, submissionId, { as: "reviewer", lock: "share", kind: "training" });
    }
    const sources = await tx.select().from(trainingRegistrations).where(inArray(trainingRegistrations.id, ids));
    const created = await tx
      .insert(trainingRegistrations)
      .values(
        sources.map((r) => ({
          campaignId: r.campaignId,
          submissionId: r.submissionId,
          sessionId: session.id,
          unitId: r.unitId,
          name: r.name,
          position: r.position,
          phone: r.phone,
          email: r.email,
          rosterEntryId: r.rosterEntryId,
          substituteReason: r.substituteReason,
          state: "approved" as const,
          remedialOf: r.id,
          updatedAt: now,
          updatedBy: actor.userId,
        })),
      )
      .returning({ id: trainingRegistrations.id });
    target("training_session", session.id, { registrationIds: created.map((r) => r.id), remedialOf: ids });
    return { scheduled: created.length };
  },
});

type Absent = { id: number; name: string; unitName: string; unitId: number; submissionId: number; arranged: boolean };

/** Of `ids`, the absent registrations of the closed sessions of the 补训 session's phase, and whether each already has its 补训. */
async function absentOfPhase(tx: Tx, session: AttendanceSession, ids: number[]): Promise<Absent[]> {
  return queryRows(
    tx,
    { id: col.int, name: col.text, unitName: col.text, unitId: col.int, submissionId: col.int, arranged: col.bool },
    sql`select r.id, r.name, u.name as "unitName", r.unit_id as "unitId", r.submission_id as "submissionId",
               exists (select 1 from training_registrations m where m.remedial_of = r.id) as arranged
        from training_registrations r
        join training_sessions s on s.id = r.session_id
        join units u on u.id = r.unit_id
        where r.id in ${sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`} and r.attendance = 'absent'
          and s.closed_at is not null and s.campaign_id = ${session.campaignId} and s.phase_id = ${session.phaseId} and s.id <> ${session.id}
        order by u.name, r.id`,
  );
}

function names(list: readonly Absent[]): string {
  const shown = list.slice(0, 5).map((a) => `${a.name}（${a.unitName}）`).join("、");
  return list.length > 5 ? `${shown}等 ${list.length} 人` : shown;
}
