import type { Metadata } from "next";
import Link from "next/link";
import { SearchBox } from "@/components/admin/search-box";
import { UnitSearchResults, UnitTree } from "@/components/admin/unit-tree";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { getUnitTreeTop, searchUnits, UNIT_SEARCH_LIMIT } from "@/lib/registry/queries";

export const metadata: Metadata = { title: "单位管理" };

export default async function UnitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("units.manage");
  const { q } = await searchParams;
  const search = typeof q === "string" && q.trim() ? q.trim() : undefined;
  const db = getDb();
  const found = search ? await searchUnits({ db, actor, search }) : null;
  const top = found ? [] : await getUnitTreeTop({ db, actor });

  return (
    <>
      <PageHeader
        crumbs={[{ label: "单位管理" }]}
        title="单位管理"
        extra={
          <div className="flex gap-2">
            <Link href="/admin/units/import" className={buttonClass("default")} data-testid="units-import">
              导入学校名单
            </Link>
            <Link href="/admin/units/new" className={buttonClass("primary")} data-testid="unit-new">
              新增单位
            </Link>
          </div>
        }
      />
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <SearchBox name="q" label="搜索单位" placeholder="单位名称，或代码、学校标识码的开头" value={search} clearHref="/admin/units" />
          {found && (
            <p className="text-sm text-slate-600" data-testid="unit-search-count">
              找到 {found.total} 个单位{found.total > found.hits.length && `，列出按代码排在前面的 ${UNIT_SEARCH_LIMIT} 个；请输入更完整的名称或代码`}
            </p>
          )}
        </div>
        {found ? <UnitSearchResults hits={found.hits} /> : <UnitTree top={top} />}
      </Card>
    </>
  );
}
