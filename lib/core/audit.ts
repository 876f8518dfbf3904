import type { DbOrTx } from "@/db";
import { auditLog, type AuditOutcome, type Role } from "@/db/schema";
import type { Actor } from "./actor";
import type { AuditAction } from "./audit-actions";
import { currentRequest } from "./request";

export type AuditEntry = {
  action: AuditAction;
  outcome: AuditOutcome;
  userId?: number | null;
  role?: Role | null;
  unitId?: number | null;
  targetType?: string | null;
  targetId?: string | number | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
};

/** Appends one row to the audit log; pass the transaction of the change it records. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const request = currentRequest();
  await db.insert(auditLog).values({
    ...entry,
    targetId: entry.targetId == null ? null : String(entry.targetId),
    ip: entry.ip ?? request?.ip ?? null,
    requestId: request?.requestId ?? null,
    detail: entry.detail ?? {},
    at: entry.at ?? new Date(),
  });
}

export type AuditedRead = { action: AuditAction; targetType: string; targetId?: string | number | null; detail?: Record<string, unknown>; ip: string | null; at: Date };

/** A read that is itself on the record (mail, the stamped scan, the print sheet, the log): who read what, when, from where. */
export async function recordRead(db: DbOrTx, actor: Actor, read: AuditedRead): Promise<void> {
  await recordAudit(db, { ...read, outcome: "success", userId: actor.userId, role: actor.role, unitId: actor.unitId });
}
