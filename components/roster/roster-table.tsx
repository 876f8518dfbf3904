"use client";

import { useRouter } from "next/navigation";
import { Fragment, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ContactCells } from "@/components/privacy/contact-reveal";
import { cn } from "@/components/ui/cn";
import { FIELD_LABELS } from "@/lib/roster/schemas";
import { RowEditor } from "./row-editor";
import type { RosterRowView } from "./types";

const COLUMNS = 8;

/** 《单位系统管理员实名信息表》: one row per covered unit, edited one row at a time. */
export function RosterTable({ submissionId, rows, canEdit }: { submissionId: number; rows: RosterRowView[]; canEdit: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState<number | null>(null);
  const [, startTransition] = useTransition();

  const onSaved = (row: RosterRowView) => {
    toast.success(`已保存：${row.unitName}`);
    const index = rows.findIndex((r) => r.unitId === row.unitId);
    const next = [...rows.slice(index + 1), ...rows.slice(0, index)].find((r) => !r.entry);
    setEditing(next?.unitId ?? null);
    startTransition(() => router.refresh());
  };

  return (
    <div className="max-h-[70vh] overflow-auto rounded border border-slate-200">
      <table className="w-full min-w-[960px] border-collapse text-sm" data-testid="roster-table">
        <thead className="sticky top-0 z-10 bg-slate-50 text-left text-slate-600 shadow-[0_1px_0_0_theme(colors.slate.200)]">
          <tr>
            <th scope="col" className="w-12 px-3 py-2 font-medium">序号</th>
            <th scope="col" className="px-3 py-2 font-medium">{FIELD_LABELS.unitName}</th>
            <th scope="col" className="w-40 px-3 py-2 font-medium">{FIELD_LABELS.schoolCode}</th>
            <th scope="col" className="w-24 px-3 py-2 font-medium">{FIELD_LABELS.name}</th>
            <th scope="col" className="w-28 px-3 py-2 font-medium">{FIELD_LABELS.position}</th>
            <th scope="col" className="w-36 px-3 py-2 font-medium">{FIELD_LABELS.phone}</th>
            <th scope="col" className="px-3 py-2 font-medium">{FIELD_LABELS.email}</th>
            <th scope="col" className="w-20 px-3 py-2 font-medium">操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <Fragment key={row.unitId}>
              <tr className={cn("border-t border-slate-100 align-top", editing === row.unitId ? "bg-brand-50/60" : "hover:bg-slate-50")} data-testid="roster-row" data-unit={row.unitName}>
                <td className="px-3 py-2 text-slate-400">{index + 1}</td>
                <td className="px-3 py-2" style={{ paddingLeft: `${0.75 + row.depth * 1.25}rem` }}>
                  <span className="text-slate-900">{row.unitName}</span>
                  {row.entry?.returnReason && <p className="mt-1 text-xs text-orange-700">退回原因：{row.entry.returnReason}</p>}
                  {row.warnings.map((w) => (
                    <p key={w} className="mt-1 text-xs text-amber-700" data-testid="row-warning">
                      ⚠ {w}
                    </p>
                  ))}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{row.entry?.schoolCode ?? (row.registrySchoolCode && <span className="text-slate-400">{row.registrySchoolCode}</span>)}</td>
                {row.entry ? (
                  <>
                    <td className="px-3 py-2">{row.entry.name}</td>
                    <td className="px-3 py-2">{row.entry.position}</td>
                    <ContactCells unitId={row.unitId} entry={row.entry} />
                  </>
                ) : (
                  <td colSpan={4} className="px-3 py-2 text-slate-400">
                    未填写
                  </td>
                )}
                <td className="px-3 py-2">
                  {canEdit && editing !== row.unitId && (
                    <Button variant="link" onClick={() => setEditing(row.unitId)} data-testid="row-edit" aria-label={`${row.entry ? "修改" : "填写"}：${row.unitName}`}>
                      {row.entry ? "修改" : "填写"}
                    </Button>
                  )}
                </td>
              </tr>
              {canEdit && editing === row.unitId && (
                <tr>
                  <td colSpan={COLUMNS} className="px-3 pb-3">
                    <RowEditor submissionId={submissionId} row={row} onSaved={() => onSaved(row)} onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
