import { type Column, DataTable } from "@/components/ui/data-table";
import type { PagerProps } from "@/components/ui/pager";
import { Tag, type TagTone } from "@/components/ui/tag";
import type { AuditOutcome } from "@/db/schema";
import { actionLabel } from "@/lib/audit/labels";
import type { AuditRow } from "@/lib/audit/queries";
import { OUTCOME_LABELS } from "@/lib/audit/schemas";
import { ROLE_LABELS } from "@/lib/core/roles";
import { formatDateTime } from "@/lib/time";

const OUTCOME_TONES: Record<AuditOutcome, TagTone> = { success: "green", denied: "red", rejected: "orange" };

const COLUMNS: Column<AuditRow>[] = [
  { header: "时间", className: "w-40 whitespace-nowrap", cell: (r) => formatDateTime(r.at) },
  {
    header: "操作人",
    cell: (r) => (
      <>
        {r.userName ?? <span className="text-slate-400">（未登录）</span>}
        {r.role && <span className="block text-xs text-slate-500">{ROLE_LABELS[r.role]}</span>}
      </>
    ),
  },
  { header: "所在单位", cell: (r) => r.unitName ?? "" },
  {
    header: "操作",
    cell: (r) => (
      <>
        {actionLabel(r.action)}
        <span className="block font-mono text-xs text-slate-400">{r.action}</span>
      </>
    ),
  },
  { header: "对象", className: "font-mono text-xs", cell: (r) => (r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : "") },
  { header: "结果", className: "w-28", cell: (r) => <Tag tone={OUTCOME_TONES[r.outcome]}>{OUTCOME_LABELS[r.outcome]}</Tag> },
  { header: "IP 地址", className: "w-28 font-mono text-xs", cell: (r) => r.ip ?? "" },
  {
    header: "详情",
    className: "max-w-72",
    cell: (r) => (
      <code className="line-clamp-3 text-xs break-all text-slate-600" title={JSON.stringify(r.detail)}>
        {JSON.stringify(r.detail)}
      </code>
    ),
  },
];

export function AuditTable({ rows, pager }: { rows: AuditRow[]; pager: PagerProps }) {
  return (
    <DataTable
      rows={rows}
      columns={COLUMNS}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ "data-testid": "audit-row", "data-action": r.action })}
      empty={{ title: "没有符合条件的记录", description: "请调整时间范围或其他条件。" }}
      minWidth="min-w-[1100px]"
      testId="audit-table"
      pager={pager}
    />
  );
}
