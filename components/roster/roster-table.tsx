"use client";

import { Fragment, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { headCellClass, TableFrame } from "@/components/ui/data-table";
import { Tag, type TagTone } from "@/components/ui/tag";
import { RowDecisions } from "@/components/delegation/row-decisions";
import { type DeciderKind, decidedRowOf } from "@/lib/delegation/rules";
import { ROW_STATES, type RowState, rowFillStates } from "@/lib/roster/paging";
import { FIELD_LABELS } from "@/lib/roster/schemas";
import { DelegationCell } from "./delegation-cell";
import { EntryCells } from "./entry-cells";
import { useRosterLive } from "./live";
import { RowEditor } from "./row-editor";
import { type RowSaved, type ShownRowView, toEntryView } from "./types";

/** The table's columns without 「填报单位 / 状态」. */
const COLUMNS = 8;

/**
 * 《单位系统管理员实名信息表》: the rows of the page shown, edited one row at a time where `row.editable`. A save
 * answers with its row, which replaces the row in place until the server renders a newer version of it. Once
 * any row is delegated (分派填报), `showDelegation` adds who fills each row and where it stands, and the city's
 * filler (`decides` "city") confirms or returns what the delegates handed in, and a collecting county ("county") what
 * its schools handed in to it.
 */
export function RosterTable({
  submissionId,
  rows: rendered,
  showDelegation,
  decides,
}: {
  submissionId: number;
  rows: ShownRowView[];
  showDelegation: boolean;
  decides: DeciderKind | null;
}) {
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
    const next = [...rows.slice(index + 1), ...rows.slice(0, index)].find((r) => !r.entry && r.editable);
    setEditing(next?.unitId ?? null);
  };

  return (
    <TableFrame
      testId="roster-table"
      // Under 768 px each unit is a card: its name, its state and 「填写」; the row editor opens under it.
      className="max-md:block max-md:min-w-0 max-md:[&>tbody]:block max-md:[&>thead]:hidden"
      frameClassName="max-md:overflow-visible max-md:border-0"
      head={
        <>
          <th scope="col" className={cn(headCellClass, "w-12")}>序号</th>
          <th scope="col" className={headCellClass}>{FIELD_LABELS.unitName}</th>
          <th scope="col" className={cn(headCellClass, "w-40")}>{FIELD_LABELS.schoolCode}</th>
          <th scope="col" className={cn(headCellClass, "w-24")}>{FIELD_LABELS.name}</th>
          <th scope="col" className={cn(headCellClass, "w-28")}>{FIELD_LABELS.position}</th>
          <th scope="col" className={cn(headCellClass, "w-36")}>{FIELD_LABELS.phone}</th>
          <th scope="col" className={headCellClass}>{FIELD_LABELS.email}</th>
          {showDelegation && <th scope="col" className={cn(headCellClass, "w-44")}>填报单位 / 状态</th>}
          <th scope="col" className={cn(headCellClass, decides ? "w-32" : "w-20")}>操作</th>
        </>
      }
    >
      {rows.map((row) => (
        <Fragment key={row.unitId}>
          <tr
            className={cn(
              "border-t border-slate-100 align-top",
              "max-md:mb-2 max-md:flex max-md:items-center max-md:gap-3 max-md:rounded max-md:border max-md:border-slate-200 max-md:bg-white max-md:p-3 max-md:[&>td:not([data-card])]:hidden",
              editing === row.unitId ? "bg-brand-50/60" : "hover:bg-slate-50",
            )}
            id={`row-${row.unitId}`}
            data-testid="roster-row"
            data-unit={row.unitName}
          >
            <td className="px-3 py-2 text-slate-400">{row.ordinal}</td>
            <td data-card className="px-3 py-2 max-md:min-w-0 max-md:flex-1 max-md:p-0 md:pl-[calc(0.75rem+var(--depth)*1.25rem)]" style={{ "--depth": row.depth } as React.CSSProperties}>
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
            {showDelegation && (
              <td data-card className="px-3 py-2 max-md:p-0">
                <DelegationCell delegation={row.delegation} />
              </td>
            )}
            <td data-card className="md:hidden">
              <RowStateTag row={row} />
            </td>
            <td data-card className="px-3 py-2 max-md:p-0">
              <div className="flex flex-wrap gap-x-3">
                {row.editable && editing !== row.unitId && (
                  <Button variant="link" onClick={() => setEditing(row.unitId)} data-testid="row-edit" aria-label={`${row.entry ? "修改" : "填写"}：${row.unitName}`}>
                    {row.entry ? "修改" : "填写"}
                  </Button>
                )}
                {decides && row.delegation && (decides === "city" || row.delegation.collectorUnitId !== null) && (
                  <RowDecisions
                    submissionId={submissionId}
                    unitId={row.unitId}
                    unitName={row.unitName}
                    row={decidedRowOf(row.delegation)}
                    decider={decides}
                  />
                )}
              </div>
            </td>
          </tr>
          {row.editable && editing === row.unitId && (
            <tr className="max-md:mb-2 max-md:block">
              <td colSpan={showDelegation ? COLUMNS + 1 : COLUMNS} className="px-3 pb-3 max-md:block max-md:p-0">
                <RowEditor submissionId={submissionId} row={row} onSaved={(result) => onSaved(row, result)} onCancel={() => setEditing(null)} />
              </td>
            </tr>
          )}
        </Fragment>
      ))}
    </TableFrame>
  );
}

const STATE_TONES: Record<RowState, TagTone> = { empty: "grey", filled: "green", flagged: "orange" };

/** A card's state, as the table's filter names it: 有问题 before 已填. */
function RowStateTag({ row }: { row: ShownRowView }) {
  const state = rowFillStates(row).at(-1)!;
  return (
    <Tag tone={STATE_TONES[state]} testId="row-state">
      {ROW_STATES[state]}
    </Tag>
  );
}
