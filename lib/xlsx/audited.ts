import "server-only";
import type * as XLSX from "xlsx";
import type { Db, Tx } from "@/db";
import type { Actor } from "@/lib/core/actor";
import { recordAudit } from "@/lib/core/audit";
import { writeXlsx } from "./workbook";

export type Download = { workbook: XLSX.WorkBook; fileName: string; rows: number; target: { type: string; id: number } };
export type BuildDownload = (tx: Tx, actor: Actor, now: Date) => Promise<Download | null>;

/**
 * Reads what the actor may have (`build` returns null for not found or not allowed) and audits the
 * download with its row count in the same transaction; the file is written after the commit.
 */
export async function performDownload(
  { db, actor, ip, now }: { db: Db; actor: Actor; ip: string | null; now: Date },
  action: string,
  build: BuildDownload,
): Promise<{ content: Buffer; fileName: string } | null> {
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
  return download && { content: writeXlsx(download.workbook), fileName: download.fileName };
}
