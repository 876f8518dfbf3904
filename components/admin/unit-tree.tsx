"use client";

import Link from "next/link";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { Tag } from "@/components/ui/tag";
import type { UnitNode } from "@/lib/registry/queries";
import { UNIT_KIND_LABELS } from "@/lib/registry/schemas";

/**
 * The reporting tree as an indented table. Opens down to the city-level units; a search result
 * opens fully so every match shows with the units above it.
 */
export function UnitTree({ rows, searching }: { rows: UnitNode[]; searching: boolean }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set(rows.filter((r) => searching || r.depth === 0).map((r) => r.id)));
  const shownIds = new Set<number>();
  const visible = rows.filter((r) => {
    const shown = r.parentId === null || (shownIds.has(r.parentId) && open.has(r.parentId));
    if (shown) shownIds.add(r.id);
    return shown;
  });
  const hasChildren = new Set(rows.map((r) => r.parentId));
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="max-h-[72vh] overflow-auto rounded border border-slate-200">
      <table className="w-full min-w-[820px] border-collapse text-sm" data-testid="unit-tree">
        <thead className="sticky top-0 z-10 bg-slate-50 text-left text-slate-600 shadow-[0_1px_0_0_theme(colors.slate.200)]">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">单位名称</th>
            <th scope="col" className="w-32 px-3 py-2 font-medium">代码</th>
            <th scope="col" className="w-40 px-3 py-2 font-medium">类型</th>
            <th scope="col" className="w-20 px-3 py-2 font-medium">下级单位</th>
            <th scope="col" className="w-16 px-3 py-2 font-medium">账号</th>
            <th scope="col" className="w-20 px-3 py-2 font-medium">状态</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <tr key={row.id} className={cn("border-t border-slate-100 hover:bg-slate-50", !row.active && "text-slate-400")} data-testid="unit-row" data-unit={row.name}>
              <td className="px-3 py-1.5" style={{ paddingLeft: `${0.75 + row.depth * 1.25}rem` }}>
                <span className="inline-flex items-center gap-1">
                  {hasChildren.has(row.id) ? (
                    <button
                      type="button"
                      onClick={() => toggle(row.id)}
                      aria-expanded={open.has(row.id)}
                      aria-label={`${open.has(row.id) ? "收起" : "展开"}${row.name}`}
                      className="h-5 w-5 rounded text-slate-500 hover:bg-slate-200"
                    >
                      {open.has(row.id) ? "▾" : "▸"}
                    </button>
                  ) : (
                    <span aria-hidden className="inline-block w-5" />
                  )}
                  <Link href={`/admin/units/${row.id}`} className={cn("hover:text-brand-600 hover:underline", row.matched && "bg-yellow-100")}>
                    {row.name}
                  </Link>
                </span>
              </td>
              <td className="px-3 py-1.5 font-mono text-xs">{row.code}</td>
              <td className="px-3 py-1.5">
                {UNIT_KIND_LABELS[row.kind]}
                {row.provinceAffiliated && <span className="ml-1 text-xs text-slate-500">（省属）</span>}
              </td>
              <td className="px-3 py-1.5">{row.children || ""}</td>
              <td className="px-3 py-1.5">{row.accounts || ""}</td>
              <td className="px-3 py-1.5">{row.active ? <Tag tone="green">启用</Tag> : <Tag tone="grey">已停用</Tag>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
