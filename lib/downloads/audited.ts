import type { AuditAction } from "@/lib/core/audit-actions";
import "server-only";
import type { Db, Tx } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { recordAudit } from "@/lib/core/audit";
import type { FileToSend } from "./response";

export type Download = Omit<FileToSend, "content"> & {
  /** The bytes, or how to make them: a workbook is written only once the audit row is committed. */
  body: Buffer | (() => Buffer);
  /** How many rows of people's data the file holds, for the audit row (none for a scan). */
  rows?: number;
  target: { type: string; id: number };
};
export type BuildDownload = (tx: Tx, actor: Actor, now: Date) => Promise<Download | null>;

/**
 * Reads what the actor may have (`build` returns null for not found or not allowed) and audits the
 * download, with its file name and row count, in the same transaction.
 */
export async function performDownload(
  { db, actor, ip, now }: { db: Db; actor: Actor; ip: string | null; now: Date },
  action: AuditAction,
  build: BuildDownload,
): Promise<FileToSend | null> {
  const download = await db.transaction(async (tx) => {
    const built = await build(tx, actor, now);
    if (!built) return null;
    await recordAudit(tx, {
      action,
      outcome: "success",
      userId: actor.userId,
      role: actor.role,
      unitId: actor.unitId,
      targetType: built.target.type,
      targetId: built.target.id,
      ip,
      detail: { rows: built.rows, fileName: built.fileName },
      at: now,
    });
    return built;
  });
  if (!download) return null;
  const { body, fileName, contentType, disposition } = download;
  return { content: typeof body === "function" ? body() : body, fileName, contentType, disposition };
}
