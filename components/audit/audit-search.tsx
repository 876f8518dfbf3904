import Link from "next/link";
import { Button } from "@/components/ui/button";
import { BeijingTimeInput } from "@/components/ui/beijing-time-input";
import { Field, inputClass } from "@/components/ui/field";
import { type AuditFilter, AUDIT_OUTCOMES, OUTCOME_LABELS } from "@/lib/audit/schemas";

/** The search, as a GET form: the URL holds the search, so the export and the pages use the same one. */
export function AuditSearch({ filter }: { filter: AuditFilter }) {
  const text = (name: keyof AuditFilter, label: string, placeholder: string) => (
    <Field id={`audit-${name}`} label={label}>
      <input id={`audit-${name}`} name={name} defaultValue={(filter[name] as string | undefined) ?? ""} placeholder={placeholder} className={inputClass} data-testid={`audit-${name}`} />
    </Field>
  );
  return (
    <form method="get" role="search" aria-label="搜索审计日志" className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Field id="audit-from" label="开始时间（北京时间）">
        <BeijingTimeInput id="audit-from" name="from" mode="datetime" defaultValue={filter.from?.length === 10 ? `${filter.from}T00:00` : filter.from} testId="audit-from" />
      </Field>
      <Field id="audit-to" label="结束时间（北京时间）">
        <BeijingTimeInput id="audit-to" name="to" mode="datetime" defaultValue={filter.to?.length === 10 ? `${filter.to}T23:59` : filter.to} testId="audit-to" />
      </Field>
      {text("user", "操作人", "姓名或邮箱")}
      {text("unit", "所在单位", "单位名称或代码")}
      {text("action", "操作", "操作代码或其开头，如 user.")}
      {text("targetType", "对象类型", "如 user、unit、submission")}
      {text("targetId", "对象编号", "如 12")}
      <Field id="audit-outcome" label="结果">
        <select id="audit-outcome" name="outcome" defaultValue={filter.outcome ?? ""} className={inputClass} data-testid="audit-outcome">
          <option value="">全部</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o]}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex items-center gap-3 lg:col-span-4">
        <Button type="submit" variant="primary" data-testid="audit-search">
          搜索
        </Button>
        <Link href="/audit" className="text-sm text-brand-600 hover:underline">
          清除条件
        </Link>
      </div>
    </form>
  );
}
