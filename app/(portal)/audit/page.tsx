import type { Metadata } from "next";
import { AuditSearch } from "@/components/audit/audit-search";
import { AuditTable } from "@/components/audit/audit-table";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { AUDIT_EXPORT_MAX_ROWS, getAuditPage } from "@/lib/audit/queries";
import { parseAuditFilter, searchOf } from "@/lib/audit/schemas";
import { inRequest, requirePermission } from "@/lib/auth/current";

export const metadata: Metadata = { title: "审计日志" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("audit.read");
  const filter = parseAuditFilter(await searchParams);
  const { rows, total, page, pageCount } = await inRequest((ip) => getAuditPage({ db: getDb(), actor, filter, ip, now: new Date() }));
  const search = searchOf(filter);
  const query = new URLSearchParams(search).toString();

  return (
    <>
      <PageHeader
        crumbs={[{ label: "审计日志" }]}
        title="审计日志"
        extra={
          total > AUDIT_EXPORT_MAX_ROWS ? (
            <span className="text-sm text-slate-500">超过 {AUDIT_EXPORT_MAX_ROWS} 条，请缩小范围后导出</span>
          ) : (
            <a href={`/audit/export${query ? `?${query}` : ""}`} className={buttonClass("default")} data-testid="audit-export">
              导出 Excel（{total} 条）
            </a>
          )
        }
      />
      <div className="flex flex-col gap-4">
        <Card>
          <AuditSearch filter={filter} />
        </Card>
        <Card>
          <p className="mb-3 text-xs text-slate-500">日志只能追加，任何人（包括数据库的应用账号）都不能修改或删除；导出操作本身也记入日志。</p>
          <AuditTable rows={rows} pager={{ path: "/audit", params: search, page, pages: pageCount, summary: `共 ${total} 条` }} />
        </Card>
      </div>
    </>
  );
}
