"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Tag } from "@/components/ui/tag";
import type { UnitHit, UnitNode } from "@/lib/registry/queries";
import { UNIT_KIND_LABELS } from "@/lib/registry/schemas";

function UnitTable({ children }: { children: React.ReactNode }) {
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
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The columns after the name, the same in the tree and in search results. */
function UnitCells({ unit }: { unit: UnitNode }) {
  return (
    <>
      <td className="px-3 py-1.5 font-mono text-xs">{unit.code}</td>
      <td className="px-3 py-1.5">
        {UNIT_KIND_LABELS[unit.kind]}
        {unit.provinceAffiliated && <span className="ml-1 text-xs text-slate-500">（省属）</span>}
      </td>
      <td className="px-3 py-1.5">{unit.children || ""}</td>
      <td className="px-3 py-1.5">{unit.accounts || ""}</td>
      <td className="px-3 py-1.5">{unit.active ? <Tag tone="green">启用</Tag> : <Tag tone="grey">已停用</Tag>}</td>
    </>
  );
}

/**
 * The reporting tree as an indented table. It starts with the actor's unit open on its first level; opening a
 * unit loads its own children from the server, once.
 */
export function UnitTree({ top }: { top: UnitNode[] }) {
  const [root, ...firstLevel] = top;
  const [children, setChildren] = useState<Map<number, UnitNode[]>>(() => new Map([[root.id, firstLevel]]));
  const [open, setOpen] = useState<Set<number>>(() => new Set([root.id]));
  const [loading, setLoading] = useState<number | null>(null);
  const [failed, setFailed] = useState<number | null>(null);

  async function toggle(unit: UnitNode) {
    const close = open.has(unit.id);
    if (!close && !children.has(unit.id)) {
      setLoading(unit.id);
      setFailed(null);
      try {
        const response = await fetch(`/admin/units/${unit.id}/children`, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const loaded = (await response.json()) as UnitNode[];
        setChildren((current) => new Map(current).set(unit.id, loaded));
      } catch {
        setFailed(unit.id);
        return;
      } finally {
        setLoading(null);
      }
    }
    setOpen((current) => {
      const next = new Set(current);
      if (close) next.delete(unit.id);
      else next.add(unit.id);
      return next;
    });
  }

  const rows = (unit: UnitNode, depth: number): React.ReactNode => (
    <Fragment key={unit.id}>
      <tr className={cn("border-t border-slate-100 hover:bg-slate-50", !unit.active && "text-slate-400")} data-testid="unit-row" data-unit={unit.name}>
        <td className="px-3 py-1.5" style={{ paddingLeft: `${0.75 + depth * 1.25}rem` }}>
          <span className="inline-flex items-center gap-1">
            {unit.children > 0 ? (
              <button
                type="button"
                onClick={() => toggle(unit)}
                disabled={loading === unit.id}
                aria-expanded={open.has(unit.id)}
                aria-label={`${open.has(unit.id) ? "收起" : "展开"}${unit.name}`}
                className="h-5 w-5 rounded text-slate-500 hover:bg-slate-200"
              >
                {loading === unit.id ? "…" : open.has(unit.id) ? "▾" : "▸"}
              </button>
            ) : (
              <span aria-hidden className="inline-block w-5" />
            )}
            <Link href={`/admin/units/${unit.id}`} className="hover:text-brand-600 hover:underline">
              {unit.name}
            </Link>
            {failed === unit.id && (
              <span className="ml-2 text-xs text-red-600" data-testid="unit-children-error">
                下级单位加载失败，请重试。
              </span>
            )}
          </span>
        </td>
        <UnitCells unit={unit} />
      </tr>
      {open.has(unit.id) && children.get(unit.id)?.map((child) => rows(child, depth + 1))}
    </Fragment>
  );

  return <UnitTable>{rows(root, 0)}</UnitTable>;
}

/** Search results, each with the units above it (from the actor's own unit down). */
export function UnitSearchResults({ hits }: { hits: UnitHit[] }) {
  return (
    <UnitTable>
      {hits.map((hit) => (
        <tr key={hit.id} className={cn("border-t border-slate-100 hover:bg-slate-50", !hit.active && "text-slate-400")} data-testid="unit-hit" data-unit={hit.name}>
          <td className="px-3 py-1.5">
            <Link href={`/admin/units/${hit.id}`} className="hover:text-brand-600 hover:underline">
              {hit.name}
            </Link>
            {hit.path.length > 0 && (
              <p className="text-xs text-slate-500" data-testid="unit-hit-path">
                {hit.path.map((p, i) => (
                  <Fragment key={p.id}>
                    {i > 0 && " / "}
                    <Link href={`/admin/units/${p.id}`} className="hover:text-brand-600 hover:underline">
                      {p.name}
                    </Link>
                  </Fragment>
                ))}
              </p>
            )}
          </td>
          <UnitCells unit={hit} />
        </tr>
      ))}
    </UnitTable>
  );
}
