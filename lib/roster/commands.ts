import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { col, intArray, queryRows } from "@/db/rows";
import { rosterEntries, submissionScans, type Unit, units, users } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { isUnitInScope } from "@/lib/authz/scope";
import { assertDelegateMayWrite } from "@/lib/submissions/delegates";
import { recordEvent } from "@/lib/submissions/events";
import { isFillerOf } from "@/lib/submissions/workflow";
import { getRosterEntryByUnit } from "./entries";
import { assertVersion, lockEditableSubmission, updateSubmission } from "@/lib/submissions/lock";
import { getTableFingerprintBySubmission } from "@/lib/submissions/readiness";
import { ROW_FIELDS, type RowField, type RowValues, schoolCodeProblem } from "./rules";
import { sniffScanType } from "./scan";
import { saveHeaderSchema, saveRowSchema, uploadScanSchema } from "./schemas";

export type RowWrite = { unit: Pick<Unit, "id" | "name" | "kind">; values: RowValues; expectedVersion: number | null };
export type RowWritten = { unitId: number; entryId: number; version: number; changed: RowField[] };

const SAVED = { entryId: col.int, unitId: col.int, version: col.int };

/**
 * The one way roster rows are written, for the form's single row and an import's many. The caller
 * has locked the submission for writing and checked the units are in its scope. A row whose values
 * are already stored is left alone without a version check (a retried save is a no-op); any other
 * row must still be at the version its writer saw.
 */
export async function writeRosterRows(
  tx: Tx,
  { submission, actorId, now, rows }: { submission: { id: number; campaignId: number }; actorId: number; now: Date; rows: readonly RowWrite[] },
): Promise<RowWritten[]> {
  for (const { values, unit } of rows) {
    const problem = schoolCodeProblem(unit.kind, values.schoolCode);
    if (problem) throw new DomainError("", { fieldErrors: { schoolCode: problem } });
  }
  if (rows.length === 0) return [];
  // By the (campaign, unit) key, in unit order so that two writers lock rows in the same order.
  const lockStored = (unitIds: number[]) =>
    tx
      .select({ entry: rosterEntries, updatedByName: users.name })
      .from(rosterEntries)
      .leftJoin(users, eq(users.id, rosterEntries.updatedBy))
      .where(and(eq(rosterEntries.campaignId, submission.campaignId), sql`${rosterEntries.unitId} = any(${intArray(unitIds)})`))
      .orderBy(rosterEntries.unitId)
      .for("update", { of: rosterEntries });
  const existing = await lockStored(rows.map((r) => r.unit.id));
  const byUnit = new Map(existing.map((e) => [e.entry.unitId, e]));

  const results: RowWritten[] = [];
  const inserts: RowWrite[] = [];
  const updates: { id: number; values: RowValues }[] = [];
  const changedByUnit = new Map<number, RowField[]>();
  for (const row of rows) {
    const current = byUnit.get(row.unit.id);
    const changed = current ? changedFields(current.entry, row.values) : [...ROW_FIELDS];
    if (current && changed.length === 0) {
      results.push({ unitId: row.unit.id, entryId: current.entry.id, version: current.entry.version, changed });
      continue;
    }
    if (current) {
      assertVersion({ ...current.entry, updatedByName: current.updatedByName }, row.expectedVersion, `「${row.unit.name}」这一行`, actorId);
      updates.push({ id: current.entry.id, values: row.values });
    } else inserts.push(row);
    changedByUnit.set(row.unit.id, changed);
  }

  // Many rows travel as one JSON parameter: one statement each for inserts and updates, whatever their number.
  const at = now.toISOString();
  const inserted =
    inserts.length === 0
      ? []
      : await queryRows(
          tx,
          SAVED,
          sql`
          insert into roster_entries (campaign_id, submission_id, unit_id, name, position, phone, email, school_code, updated_at, updated_by)
          select ${submission.campaignId}, ${submission.id}, v."unitId", v.name, v.position, v.phone, v.email, v."schoolCode", ${at}::timestamptz, ${actorId}
          from jsonb_to_recordset(${JSON.stringify(inserts.map(({ unit, values }) => ({ unitId: unit.id, ...values })))}::jsonb)
            as v("unitId" int, name text, position text, phone text, email text, "schoolCode" text)
          on conflict (campaign_id, unit_id) do nothing
          returning id as "entryId", unit_id as "unitId", version`,
        );
  // Row saves share the submission lock, so two people can fill the same empty row at once: the later one is
  // stale, unless it wrote what the first did (the same save from two windows), which changes nothing.
  for (const row of inserts.filter((w) => !inserted.some((s) => s.unitId === w.unit.id))) {
    const [winner] = await lockStored([row.unit.id]);
    if (changedFields(winner.entry, row.values).length > 0)
      assertVersion({ ...winner.entry, updatedByName: winner.updatedByName }, null, `「${row.unit.name}」这一行`, actorId);
    results.push({ unitId: row.unit.id, entryId: winner.entry.id, version: winner.entry.version, changed: [] });
  }
  const updated =
    updates.length === 0
      ? []
      : await queryRows(
          tx,
          SAVED,
          sql`
          update roster_entries e
          set name = v.name, position = v.position, phone = v.phone, email = v.email, school_code = v."schoolCode",
              version = e.version + 1, updated_at = ${at}::timestamptz, updated_by = ${actorId}
          from jsonb_to_recordset(${JSON.stringify(updates.map(({ id, values }) => ({ id, ...values })))}::jsonb)
            as v(id int, name text, position text, phone text, email text, "schoolCode" text)
          where e.id = v.id and e.id = any(${intArray(updates.map((u) => u.id))})
          returning e.id as "entryId", e.unit_id as "unitId", e.version`,
        );
  for (const s of [...inserted, ...updated]) results.push({ ...s, changed: changedByUnit.get(s.unitId) ?? [] });
  return results;
}

/** The fields whose stored value a write would change: none means the write is a no-op. */
function changedFields(stored: RowValues, values: RowValues): RowField[] {
  return ROW_FIELDS.filter((f) => stored[f] !== values[f]);
}

/**
 * Saves one unit's administrator. Version-checked; a retried identical save changes nothing. Answers
 * with the row as stored, so the page shows it without reading the whole table again.
 */
export const saveRowCommand = defineCommand({
  name: "roster.save_row",
  permission: "roster.fill",
  input: saveRowSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockEditableSubmission(tx, actor, input.submissionId, "share", "row writer");
    if (!isFillerOf(actor, submission)) await assertDelegateMayWrite(tx, actor, submission.id, input.unitId);

    const [unit] = await tx.select().from(units).where(and(eq(units.id, input.unitId), eq(units.active, true)));
    if (!unit || !(await isUnitInScope(tx, { role: "city_officer", unitId: submission.unitId }, unit.id))) throw notFound();

    const values = { name: input.name, position: input.position, phone: input.phone, email: input.email, schoolCode: input.schoolCode };
    const [saved] = await writeRosterRows(tx, { submission, actorId: actor.userId, now, rows: [{ unit, values, expectedVersion: input.expectedVersion }] });
    const row = { version: saved.version, ...(await getRosterEntryByUnit({ db: tx, campaignId: submission.campaignId, unitId: unit.id })) };
    if (saved.changed.length === 0) return { ...row, event: null };
    const event = { action: "row.saved", at: now, detail: { unitId: unit.id, unitName: unit.name, changed: saved.changed } };
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, ...event });
    target("roster_entry", saved.entryId, { submissionId: submission.id, unitId: unit.id, changed: saved.changed });
    return { ...row, event: { ...event, actorName: actor.name } };
  },
});

/** 填报人 and 联系电话 above the table. */
export const saveHeaderCommand = defineCommand({
  name: "roster.save_header",
  permission: "roster.fill",
  input: saveHeaderSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockEditableSubmission(tx, actor, input.submissionId);
    const header = { fillerName: input.fillerName, fillerPhone: input.fillerPhone };
    if (submission.fillerName === header.fillerName && submission.fillerPhone === header.fillerPhone) return { version: submission.version, ...header };
    assertVersion(submission, input.expectedVersion, "填报人信息", actor.userId);
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: header });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "header.saved", at: now });
    target("submission", submission.id);
    return { version, ...header };
  },
});

/**
 * The printed, stamped table scanned back in; a new upload replaces the old one. The scan records the
 * table it shows, so a later change outdates it. Uploading the very file that is already there, for the
 * same table, changes nothing (a retried upload).
 */
export const uploadScanCommand = defineCommand({
  name: "roster.upload_scan",
  permission: "roster.fill",
  input: uploadScanSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockEditableSubmission(tx, actor, input.submissionId);
    const content = Buffer.from(await input.file.arrayBuffer());
    const mimeType = sniffScanType(content);
    if (!mimeType)
      throw new DomainError("", { fieldErrors: { file: "扫描件须为 PDF、JPG 或 PNG 文件。该文件的内容不是这几种格式，请重新扫描或导出后上传。" } });
    const fileName = input.file.name.slice(0, 200) || "扫描件";
    const tableFingerprint = await getTableFingerprintBySubmission({ db: tx, submissionId: submission.id });
    const [stored] = await tx.select().from(submissionScans).where(eq(submissionScans.submissionId, submission.id));
    const same = stored && stored.rejectedAt === null && stored.tableFingerprint === tableFingerprint && stored.fileName === fileName && stored.content.equals(content);
    if (same) return { version: submission.version };
    assertVersion(submission, input.expectedVersion, "本报送", actor.userId);
    const scan = { fileName, mimeType, size: content.length, content, uploadedAt: now, uploadedBy: actor.userId, tableFingerprint, rejectedAt: null };
    await tx
      .insert(submissionScans)
      .values({ submissionId: submission.id, ...scan })
      .onConflictDoUpdate({ target: submissionScans.submissionId, set: scan });
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "scan.uploaded", at: now, detail: { fileName, size: scan.size, mimeType } });
    target("submission", submission.id, { fileName, size: scan.size, mimeType });
    return { version };
  },
});
