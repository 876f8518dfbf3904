import type { DbOrTx } from "@/db";
import { sql } from "drizzle-orm";
import { jsonParam } from "@/db/rows";
import type { AuditOutcome, Role } from "@/db/schema";
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
  await recordAudits(db, [entry]);
}

/** Appends many rows in one statement (the chain trigger still links each row to the one before, in order). */
export async function recordAudits(db: DbOrTx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const request = currentRequest();
  const rows = entries.map((entry) => ({
    at: entry.at ?? new Date(),
    user_id: entry.userId ?? null,
    role: entry.role ?? null,
    unit_id: entry.unitId ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId == null ? null : String(entry.targetId),
    outcome: entry.outcome,
    ip: entry.ip ?? request?.ip ?? null,
    request_id: request?.requestId ?? null,
    detail: entry.detail ?? {},
  }));
  await db.execute(sql`
    insert into audit_log (at, user_id, role, unit_id, action, target_type, target_id, outcome, ip, request_id, detail)
    select at, user_id, role, unit_id, action, target_type, target_id, outcome, ip, request_id, detail
    from jsonb_to_recordset(${jsonParam(rows)})
      as v(at timestamptz, user_id int, role role, unit_id int, action text, target_type text, target_id text, outcome audit_outcome, ip text, request_id text, detail jsonb)`);
}

export type AuditedRead = { action: AuditAction; targetType: string; targetId?: string | number | null; detail?: Record<string, unknown>; ip: string | null; at: Date };

/** A read that is itself on the record (mail, the stamped scan, the print sheet, the log): who read what, when, from where. */
export async function recordRead(db: DbOrTx, actor: Actor, read: AuditedRead): Promise<void> {
  await recordAudit(db, { ...read, outcome: "success", userId: actor.userId, role: actor.role, unitId: actor.unitId });
}
