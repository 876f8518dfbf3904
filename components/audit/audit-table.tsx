import { Empty } from "@/components/ui/empty";
import { Tag, type TagTone } from "@/components/ui/tag";
import type { AuditOutcome } from "@/db/schema";
import { actionLabel } from "@/lib/audit/labels";
import type { AuditRow } from "@/lib/audit/queries";
import { OUTCOME_LABELS } from "@/lib/audit/schemas";
import { ROLE_LABELS } from "@/lib/core/roles";
import { formatDateTime } from "@/lib/time";

const OUTCOME_TONES: Record<AuditOutcome, TagTone> = { success: "green", denied: "red", rejected: "orange" };

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <Empty title="没有符合条件的记录" description="请调整时间范围或其他条件。" />;
  return (
    <div className="max-h-[70vh] overflow-auto rounded border border-slate-200">
      <table className="w-full min-w-[1100px] border-collapse text-sm" data-testid="audit-table">
        <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="w-40 px-3 py-2 font-medium">时间</th>
            <th scope="col" className="px-3 py-2 font-medium">操作人</th>
            <th scope="col" className="px-3 py-2 font-medium">所在单位</th>
            <th scope="col" className="px-3 py-2 font-medium">操作</th>
            <th scope="col" className="px-3 py-2 font-medium">对象</th>
            <th scope="col" className="w-28 px-3 py-2 font-medium">结果</th>
            <th scope="col" className="w-28 px-3 py-2 font-medium">IP 地址</th>
            <th scope="col" className="px-3 py-2 font-medium">详情</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="audit-row" data-action={r.action}>
              <td className="px-3 py-1.5 whitespace-nowrap">{formatDateTime(r.at)}</td>
              <td className="px-3 py-1.5">
                {r.userName ?? <span className="text-slate-400">（未登录）</span>}
                {r.role && <span className="block text-xs text-slate-500">{ROLE_LABELS[r.role]}</span>}
              </td>
              <td className="px-3 py-1.5">{r.unitName ?? ""}</td>
              <td className="px-3 py-1.5">
                {actionLabel(r.action)}
                <span className="block font-mono text-xs text-slate-400">{r.action}</span>
              </td>
              <td className="px-3 py-1.5 font-mono text-xs">{r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : ""}</td>
              <td className="px-3 py-1.5">
                <Tag tone={OUTCOME_TONES[r.outcome]}>{OUTCOME_LABELS[r.outcome]}</Tag>
              </td>
              <td className="px-3 py-1.5 font-mono text-xs">{r.ip ?? ""}</td>
              <td className="max-w-72 px-3 py-1.5">
                <code className="line-clamp-3 text-xs break-all text-slate-600" title={JSON.stringify(r.detail)}>
                  {JSON.stringify(r.detail)}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
