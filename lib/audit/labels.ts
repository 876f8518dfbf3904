import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/core/audit-actions";

/** How the audit viewer names a stored action; a code no longer recorded keeps showing as itself. */
export function actionLabel(action: string): string {
  return action in AUDIT_ACTION_LABELS ? AUDIT_ACTION_LABELS[action as AuditAction] : action;
}
