import type { AuditAction } from "@/lib/core/audit-actions";
import "server-only";
import type { Db, Tx } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { recordAudit } from "@/lib/core/audit";
import { EXPORT_REASON_REQUIRED_MESSAGE, EXPORT_REASON_ROWS } from "@/lib/privacy/schemas";
import type { FileToSend } from "./response";

/** Thrown by performDownload for a large export of people's data asked for without a reason. */
export class ExportReasonRequired extends Error {
  name = "ExportReasonRequired";
  constructor() {
    super(EXPORT_REASON_REQUIRED_MESSAGE);
  }
}

export type Download = Omit<FileToSend, "content"> & {
  /** The bytes, or how to make them: a workbook is written only once the audit row is committed. */
  body: Buffer | (() => Promise<Buffer>);
  /** How many rows the file holds, for the audit row (none for a scan). */
  rows?: number;
  /** The rows are people's names, phones and emails: over EXPORT_REASON_ROWS of them need a reason. */
  personal?: boolean;
  target: { type: string; id: number };
};
export type BuildDownload = (tx: Tx, actor: Actor, now: Date) => Promise<Download | null>;

/**
 * Reads what the actor may have (`build` returns null for not found or not allowed) and audits the
 * download, with its file name, row count and reason, in the same transaction. A large file of
 * personal data without a reason is refused (ExportReasonRequired, audited) and nothing is handed out.
 */
export async function performDownload(
  { db, actor, ip, now, reason }: { db: Db; actor: Actor; ip: string | null; now: Date; reason?: string },
  action: AuditAction,
  build: BuildDownload,
): Promise<FileToSend | null> {
  const who = { userId: actor.userId, role: actor.role, unitId: actor.unitId, ip, at: now };
  let refused: Download | undefined;
  const download = await db.transaction(async (tx) => {
    const built = await build(tx, actor, now);
    if (!built) return null;
    if (built.personal && (built.rows ?? 0) > EXPORT_REASON_ROWS && !reason) {
      refused = built;
      return null;
    }
    await recordAudit(tx, {
      ...who,
      action,
      outcome: "success",
      targetType: built.target.type,
      targetId: built.target.id,
      detail: { rows: built.rows, fileName: built.fileName, ...(reason ? { reason } : {}) },
    });
    return built;
  });
  if (refused) {
    await recordAudit(db, { ...who, action, outcome: "rejected", targetType: refused.target.type, targetId: refused.target.id, detail: { reason: "export_reason_required", rows: refused.rows } });
    throw new ExportReasonRequired();
  }
  if (!download) return null;
  const { body, fileName, contentType, disposition } = download;
  return { content: typeof body === "function" ? await body() : body, fileName, contentType, disposition };
}
