import type { RowChange } from "@/lib/review/diff";
import type { RowField } from "@/lib/roster/rules";
import { FIELD_LABELS } from "@/lib/roster/schemas";

const FIELD_NAMES: Record<RowField, string> = { ...FIELD_LABELS, schoolCode: "学校标识码" };
const KIND_LABELS: Record<RowChange["kind"], string> = { added: "新增", removed: "删除", changed: "修改" };

/** What a resubmission changed since the round before, field by field. */
export function ChangeList({ changes }: { changes: RowChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">与上次提交相比，表格内容没有变化。</p>;
  return (
    <ul className="flex flex-col gap-3 text-sm" data-testid="change-list">
      {changes.map((change) => (
        <li key={`${change.kind}-${change.unitId}`} data-testid="change" data-unit={change.unitName}>
          <p className="text-slate-900">
            <span className="mr-2 text-xs text-amber-700">[{KIND_LABELS[change.kind]}]</span>
            {change.unitName}
          </p>
          <ul className="mt-1 ml-4 flex flex-col gap-0.5 text-slate-600">
            {change.fields.map((f) => (
              <li key={f.field}>
                {FIELD_NAMES[f.field]}：<del className="text-slate-400">{f.before ?? "（空）"}</del> → <ins className="text-slate-900 no-underline">{f.after ?? "（空）"}</ins>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
