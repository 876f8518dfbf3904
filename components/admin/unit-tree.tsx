"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { type Column, DataTable } from "@/components/ui/data-table";
import { Tag } from "@/components/ui/tag";
import type { UnitHit, UnitNode } from "@/lib/registry/queries";
import { UNIT_KIND_LABELS } from "@/lib/registry/schemas";

/** The columns after the name, the same in the tree and in search results. */
const UNIT_COLUMNS: Column<UnitNode>[] = [
  { header: "代码", className: "w-32 font-mono text-xs", cell: (unit) => unit.code },
  {
    header: "类型",
    className: "w-40",
    cell: (unit) => (
      <>
        {UNIT_KIND_LABELS[unit.kind]}
        {unit.provinceAffiliated && <span className="ml-1 text-xs text-slate-500">（省属）</span>}
      </>
    ),
  },
  { header: "下级单位", className: "w-20", cell: (unit) => unit.children || "" },
  { header: "账号", className: "w-16", cell: (unit) => unit.accounts || "" },
  { header: "状态", className: "w-20", cell: (unit) => (unit.active ? <Tag tone="green">启用</Tag> : <Tag tone="grey">已停用</Tag>) },
];

function UnitTable<U extends UnitNode>({ units, name, testId }: { units: U[]; name: Column<U>["cell"]; testId: string }) {
  return (
    <DataTable
      rows={units}
      columns={[{ header: "单位名称", cell: name }, ...UNIT_COLUMNS]}
      rowKey={(unit) => unit.id}
      rowProps={(unit) => ({ "data-testid": testId, "data-unit": unit.name })}
      rowClassName={(unit) => (unit.active ? undefined : "text-slate-400")}
      empty={{ title: "没有找到符合条件的单位", description: "请换一个名称或代码再搜索。" }}
      minWidth="min-w-[820px]"
      testId="unit-tree"
    />
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

  // The open part of the tree, depth first, as the table's lines.
  const lines: (UnitNode & { depth: number })[] = [];
  const walk = (unit: UnitNode, depth: number) => {
    lines.push({ ...unit, depth });
    if (open.has(unit.id)) for (const child of children.get(unit.id) ?? []) walk(child, depth + 1);
  };
  walk(root, 0);

  return (
    <UnitTable
      units={lines}
      testId="unit-row"
      name={(unit) => (
        <span className="inline-flex items-center gap-1" style={{ paddingLeft: `${unit.depth * 1.25}rem` }}>
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
          <UnitLink unit={unit} />
          {failed === unit.id && (
            <span className="ml-2 text-xs text-red-600" data-testid="unit-children-error">
              下级单位加载失败，请重试。
            </span>
          )}
        </span>
      )}
    />
  );
}

function UnitLink({ unit }: { unit: { id: number; name: string } }) {
  return (
    <Link href={`/admin/units/${unit.id}`} className="hover:text-brand-600 hover:underline">
      {unit.name}
    </Link>
  );
}

/** Search results, each with the units above it (from the actor's own unit down). */
export function UnitSearchResults({ hits }: { hits: UnitHit[] }) {
  return (
    <UnitTable
      units={hits}
      testId="unit-hit"
      name={(hit) => (
        <>
          <UnitLink unit={hit} />
          {hit.path.length > 0 && (
            <p className="text-xs text-slate-500" data-testid="unit-hit-path">
              {hit.path.map((p, i) => (
                <Fragment key={p.id}>
                  {i > 0 && " / "}
                  <UnitLink unit={p} />
                </Fragment>
              ))}
            </p>
          )}
        </>
      )}
    />
  );
}
