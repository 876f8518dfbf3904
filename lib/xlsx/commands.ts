import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { units } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { DomainError, notFound } from "@/lib/core/errors";
import { type DelegateRow, delegateRowRefusal, getRowsOfDelegate } from "@/lib/submissions/delegates";
import { defineCommand } from "@/lib/core/command";
import { writeRosterRows } from "@/lib/roster/commands";
import { getSubmissionForActor, type SubmissionHeader } from "@/lib/roster/queries";
import { recordEvent } from "@/lib/submissions/events";
import { lockEditableSubmission, updateSubmission } from "@/lib/submissions/lock";
import { editBlocker, isFillerOf } from "@/lib/submissions/workflow";
import { formatDateTime } from "@/lib/time";
import { type HeaderField, headerWrites, planHeaderLines, planRosterRows, ROSTER_TABLE, type RosterColumn, type RosterPlan, type RosterWrite, type ScopeUnit } from "./analyze";
import { unitMatcher } from "./match";
import type { TableRow } from "./parse";
import { commitImport, type ImportKind, previewImport } from "./pipeline";
import { getImportUnitsBySubmission } from "./queries";
import { commitImportSchema, previewImportSchema } from "./schemas";
import { withoutQuotePrefix } from "./styled-workbook";

/** Reads the upload and works out, against the stored rows, what importing it would do. Writes nothing. */
export const previewImportCommand = defineCommand({
  name: "xlsx.preview_import",
  permission: "roster.fill",
  input: previewImportSchema,
  async run(ctx, input) {
    const { submission, delegateRows } = await importableSubmission(ctx.tx, ctx.actor, input.submissionId);
    return previewImport(ctx, rosterImport(submission, delegateRows), input);
  },
});

/** Writes what the preview showed into the locked table, or nothing; a row someone changed since is never silently overwritten. */
export const commitImportCommand = defineCommand({
  name: "xlsx.commit_import",
  permission: "roster.fill",
  input: commitImportSchema,
  async run(ctx, input) {
    // Locked whole even for a delegate: its rows' states (提交给市级, the city's 确认) wait for the import, which reads them.
    const submission = await lockEditableSubmission(ctx.tx, ctx.actor, input.submissionId, "exclusive", "row writer");
    const delegateRows = await delegateRowsOf(ctx.tx, ctx.actor, submission);
    const [reportingUnit] = await ctx.tx.select({ name: units.name }).from(units).where(eq(units.id, submission.unitId));
    return commitImport(ctx, rosterImport({ ...submission, unitName: reportingUnit.name }, delegateRows), input);
  },
});

/**
 * The submission, if the actor may import into it now (without locking it: a preview writes nothing), and for a
 * delegate (分派填报) the rows it was delegated.
 */
export async function importableSubmission(tx: Tx, actor: Actor, submissionId: number): Promise<{ submission: SubmissionHeader; delegateRows: DelegateRow[] | null }> {
  const submission = await getSubmissionForActor({ db: tx, actor, submissionId });
  if (!submission) throw notFound();
  const delegateRows = await delegateRowsOf(tx, actor, submission);
  const blocked = editBlocker(submission);
  if (blocked) throw new DomainError(blocked);
  return { submission, delegateRows };
}

/** Null for the reporting unit's filler, who imports the whole table; a delegate's rows; anyone else only looks. */
async function delegateRowsOf(tx: Tx, actor: Actor, submission: { id: number; unitId: number }): Promise<DelegateRow[] | null> {
  if (isFillerOf(actor, submission)) return null;
  const rows = await getRowsOfDelegate(tx, actor, submission.id);
  if (rows.length === 0) throw new DomainError("只有报送单位的填报员可以导入本表，您可以查看但不能修改。", { kind: "denied" });
  return rows;
}

/**
 * A delegate's import touches only its own rows. A filled row of another unit of the table is refused like an id
 * it does not hold (not found, audited, nothing written); a row of its own that is handed in or confirmed is a row
 * error saying who holds it. The table's header is the city's: the file's header lines are not read.
 */
function delegatePlan(plan: RosterPlan, rows: readonly TableRow<RosterColumn>[], scope: readonly ScopeUnit[], delegateRows: readonly DelegateRow[], scopeName: string): RosterPlan {
  const held = new Map(delegateRows.map((r) => [r.unitId, r]));
  const match = unitMatcher({ scope, others: [], scopeName });
  const foreign = rows.filter((row) => {
    const matched = row.filled && match(row.values);
    return matched && matched.ok && !held.has(matched.unit.id);
  });
  if (foreign.length > 0) {
    const lines = foreign.map((r) => r.line);
    throw new DomainError(
      `文件第 ${lines.slice(0, 10).join("、")} 行${lines.length > 10 ? `等 ${lines.length} 行` : ""}的单位不是分派给您填写的单位，未导入任何内容。请用「下载模板」得到的表格，只填写分派给您的单位。`,
      { kind: "not_found", detail: { reason: "not_delegated", lines: lines.slice(0, 50), count: lines.length } },
    );
  }
  const refused = new Map(plan.writes.flatMap((w) => {
    const refusal = delegateRowRefusal(held.get(w.unit.id)!, { keptOnPage: false });
    return refusal ? [[w.line, refusal] as const] : [];
  }));
  return {
    ...plan,
    rows: plan.rows.map((r) => (refused.has(r.line) ? { ...r, status: "error", errors: [...r.errors, refused.get(r.line)!] } : r)),
    writes: plan.writes.filter((w) => !refused.has(w.line)),
  };
}

/** A row's cells as they were typed: the apostrophe the portal's own files put before 「=」「-」… is not part of the value. */
function asTyped(row: TableRow<RosterColumn>): TableRow<RosterColumn> {
  const values = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, withoutQuotePrefix(v as string)])) as TableRow<RosterColumn>["values"];
  return { ...row, values };
}

type ImportedSubmission = Record<HeaderField, string | null> & {
  id: number;
  unitId: number;
  campaignId: number;
  unitName: string;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
};

/** The administrator table of one submission as a kind of import: its units, its rows, its header, its timeline. */
export function rosterImport(submission: ImportedSubmission, delegateRows: readonly DelegateRow[] | null): ImportKind<RosterColumn, RosterWrite> {
  return {
    ...ROSTER_TABLE,
    target: () => ({ type: "submission", id: submission.id }),
    plan: async (tx, rows, headerLines) => {
      const typed = rows.map(asTyped);
      const units = await getImportUnitsBySubmission({ db: tx, submission });
      const plan = planRosterRows(typed, { ...units, scopeName: submission.unitName });
      if (delegateRows) return delegatePlan(plan, typed, units.scope, delegateRows, submission.unitName);
      return { ...plan, lines: planHeaderLines(headerLines, submission), seenHeader: submission.version };
    },
    async write({ tx, actor, now }, plan, { fileName, seen, seenHeader, counts }) {
      const versions = new Map(seen);
      const stale = plan.writes.filter((w) => versions.get(w.unit.id) !== (w.unit.entry?.version ?? null));
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
      const header = headerWrites(plan.lines ?? []);
      const changesHeader = Object.keys(header).length > 0;
      if (changesHeader && seenHeader !== submission.version) {
        throw new DomainError(
          `本表的填报人信息在预览之后已被 ${submission.updatedByName ?? "其他用户"} 于 ${formatDateTime(submission.updatedAt)} 修改，为避免覆盖他人的修改，未导入任何内容。请重新预览后再导入。`,
          { detail: { reason: "stale", expected: seenHeader ?? null, actual: submission.version } },
        );
      }
      const written = await writeRosterRows(tx, {
        submission,
        actorId: actor.userId,
        now,
        rows: plan.writes.map((w) => ({ unit: w.unit, values: w.values, expectedVersion: w.unit.entry?.version ?? null })),
      });
      if (written.length > 0) {
        // The units written, so the timeline of a county or school reading its part of the table shows the import.
        const unitIds = written.filter((w) => w.changed.length > 0).map((w) => w.unitId);
        const detail = { fileName, created: counts.new, updated: counts.changed, unchanged: counts.unchanged, unitIds };
        await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "rows.imported", at: now, detail });
      }
      if (changesHeader) {
        await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: header });
        await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "header.saved", at: now });
      }
    },
  };
}
