import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { units } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { DomainError, notFound } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { writeRosterRows } from "@/lib/roster/commands";
import { getSubmissionForActor, type SubmissionHeader } from "@/lib/roster/queries";
import { recordEvent } from "@/lib/submissions/events";
import { lockEditableSubmission } from "@/lib/submissions/lock";
import { editBlocker, isFillerOf } from "@/lib/submissions/workflow";
import { formatDateTime } from "@/lib/time";
import { analyzeImport, type ImportAnalysis } from "./analyze";
import { UploadRefusal } from "./guard";
import { parseImport, type ParsedImport } from "./parse";
import { getImportUnitsBySubmission } from "./queries";
import { commitImportSchema, previewImportSchema } from "./schemas";

export type ImportPreview = Omit<ImportAnalysis, "writes"> & { fileHash: string; fileName: string; sheetName: string };

/** Reads the upload and works out, against the stored rows, what importing it would do. Writes nothing. */
export const previewImportCommand = defineCommand({
  name: "xlsx.preview_import",
  permission: "roster.fill",
  input: previewImportSchema,
  async run({ tx, actor, target }, input): Promise<ImportPreview> {
    const submission = await importableSubmission(tx, actor, input.submissionId);
    const { parsed, analysis } = await analyzeUpload(tx, input.file, submission);
    target("submission", submission.id, { fileName: input.file.name, fileHash: parsed.fileHash, rows: parsed.rows.length, errors: analysis.errors.length });
    const { rows, errors, counts, seen } = analysis;
    return { rows, errors, counts, seen, fileHash: parsed.fileHash, fileName: input.file.name, sheetName: parsed.sheetName };
  },
});

/**
 * Writes what the preview showed, in one transaction, or nothing. The file is read again here:
 * nothing the browser says about its rows is trusted, only which file it previewed and the
 * row versions it saw, so a row someone changed since is never silently overwritten.
 */
export const commitImportCommand = defineCommand({
  name: "xlsx.commit_import",
  permission: "roster.fill",
  input: commitImportSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockEditableSubmission(tx, actor, input.submissionId);
    const [reportingUnit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, submission.unitId));

    const { parsed, analysis } = await analyzeUpload(tx, input.file, { ...submission, unitName: reportingUnit.name });
    if (parsed.fileHash !== input.fileHash) throw new DomainError("这个文件与预览时的文件不同。请重新选择文件，核对预览后再导入。");
    if (analysis.errors.length > 0) {
      throw new DomainError(`文件中有 ${analysis.errors.length} 处错误，未导入任何内容。请修正后重新预览。`, { detail: { errors: analysis.errors.length } });
    }
    const seen = new Map(input.seen);
    const stale = analysis.writes.filter((w) => seen.get(w.unit.id) !== (w.unit.entry?.version ?? null));
    if (stale.length > 0) {
      const first = stale[0].unit;
      const who = first.entry ? `${first.entry.updatedByName ?? "其他用户"} 于 ${formatDateTime(first.entry.updatedAt)} ` : "";
      const lines = stale.map((w) => w.line);
      const which = lines.length > 10 ? `${lines.slice(0, 10).join("、")} 等 ${lines.length}` : lines.join("、");
      throw new DomainError(
        `第 ${which} 行的单位在预览之后已被修改（如「${first.name}」，${who}修改），为避免覆盖他人的修改，未导入任何内容。请重新选择文件预览后再导入。`,
        { detail: { reason: "stale", lines: lines.slice(0, 50), count: lines.length } },
      );
    }

    const written = await writeRosterRows(tx, {
      submission,
      actorId: actor.userId,
      now,
      rows: analysis.writes.map((w) => ({ unit: w.unit, values: w.values, expectedVersion: w.unit.entry?.version ?? null })),
    });
    const result = { created: analysis.counts.new, updated: analysis.counts.changed, unchanged: analysis.counts.unchanged };
    if (written.length > 0) {
      await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "rows.imported", at: now, detail: { fileName: input.file.name, ...result } });
    }
    target("submission", submission.id, { fileName: input.file.name, fileHash: parsed.fileHash, ...result });
    return result;
  },
});

/** The submission, if the actor may import into it now (without locking it: a preview writes nothing). */
export async function importableSubmission(tx: Tx, actor: Actor, submissionId: number): Promise<SubmissionHeader> {
  const submission = await getSubmissionForActor({ db: tx, actor, submissionId });
  if (!submission) throw notFound();
  if (!isFillerOf(actor, submission)) throw new DomainError("只有报送单位的填报员可以导入本表，您可以查看但不能修改。", { kind: "denied" });
  const blocked = editBlocker(submission);
  if (blocked) throw new DomainError(blocked);
  return submission;
}

/** Parses the upload (a refusal is shown next to the file field) and analyses it against the table's units. */
export async function analyzeUpload(
  tx: Tx,
  file: File,
  submission: { unitId: number; campaignId: number; unitName: string },
): Promise<{ parsed: ParsedImport; analysis: ImportAnalysis }> {
  let parsed: ParsedImport;
  try {
    parsed = parseImport(Buffer.from(await file.arrayBuffer()));
  } catch (error) {
    if (error instanceof UploadRefusal) throw new DomainError("", { fieldErrors: { file: error.message }, detail: { refusal: error.message } });
    throw error;
  }
  const units = await getImportUnitsBySubmission({ db: tx, submission });
  return { parsed, analysis: analyzeImport(parsed, { ...units, scopeName: submission.unitName }) };
}
