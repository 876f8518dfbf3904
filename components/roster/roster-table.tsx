"use client";

import { Fragment, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FIELD_LABELS } from "@/lib/roster/schemas";
import { EntryCells } from "./entry-cells";
import { useRosterLive } from "./live";
import { RowEditor } from "./row-editor";
import { type RowSaved, type ShownRowView, toEntryView } from "./types";

const COLUMNS = 8;

/**
 * 《单位系统管理员实名信息表》: the rows of the page shown, edited one row at a time. A save answers with
 * its row, which replaces the row in place until the server renders a newer version of it.
 */
export function RosterTable({ submissionId, rows: rendered, canEdit }: { submissionId: number; rows: ShownRowView[]; canEdit: boolean }) {
  const live = useRosterLive();
  const [editing, setEditing] = useState<number | null>(null);
  const [saved, setSaved] = useState<ReadonlyMap<number, ShownRowView>>(new Map());
  const rows = rendered.map((row) => {
    const mine = saved.get(row.unitId);
    return mine && (!row.entry || mine.entry!.version > row.entry.version) ? mine : row;
  });

  const onSaved = (row: ShownRowView, result: RowSaved) => {
    toast.success(`已保存：${row.unitName}`);
    setSaved((known) => new Map(known).set(row.unitId, { ...row, entry: toEntryView(result.entry), warnings: result.warnings }));
    live.saved({ filledRow: !row.entry, event: result.event });
    const index = rows.findIndex((r) => r.unitId === row.unitId);
    const next = [...rows.slice(index + 1), ...rows.slice(0, index)].find((r) => !r.entry);
    setEditing(next?.unitId ?? null);
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
          {rows.map((row) => (
            <Fragment key={row.unitId}>
              <tr className={cn("border-t border-slate-100 align-top", editing === row.unitId ? "bg-brand-50/60" : "hover:bg-slate-50")} data-testid="roster-row" data-unit={row.unitName}>
                <td className="px-3 py-2 text-slate-400">{row.ordinal}</td>
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
                <EntryCells unitId={row.unitId} entry={row.entry} emptyText="未填写" emptyClassName="text-slate-400" />
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
                    <RowEditor submissionId={submissionId} row={row} onSaved={(result) => onSaved(row, result)} onCancel={() => setEditing(null)} />
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
