import type { DbOrTx } from "@/db";
import { auditLog, type AuditOutcome, type Role } from "@/db/schema";
import { currentRequest } from "./request";

export type AuditEntry = {
  action: string;
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
