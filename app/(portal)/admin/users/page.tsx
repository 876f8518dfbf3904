import type { Metadata } from "next";
import Link from "next/link";
import { SearchBox } from "@/components/admin/search-box";
import { USER_STATUS_LABELS } from "@/components/admin/user-status-tag";
import { UserTable } from "@/components/admin/user-table";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { ROLE_LABELS, ROLES } from "@/lib/core/roles";
import { getUserPage, userFilterSchema } from "@/lib/users/queries";

export const metadata: Metadata = { title: "用户管理" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("users.manage");
  const raw = await searchParams;
  const filter = userFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { rows, total, page, pageCount } = await getUserPage({ db: getDb(), actor, filter, now: new Date() });
  const filtered = Boolean(filter.q || filter.role || filter.status);

  return (
    <>
      <PageHeader
        crumbs={[{ label: "用户管理" }]}
        title="用户管理"
        extra={
          <div className="flex gap-2">
            <Link href="/admin/users/import" className={buttonClass("default")} data-testid="users-import">
              批量邀请
            </Link>
            <Link href="/admin/users/invite" className={buttonClass("primary")} data-testid="user-invite">
              邀请用户
            </Link>
          </div>
        }
      />
      <Card>
        <div className="mb-3">
          <SearchBox name="q" label="搜索" placeholder="姓名、邮箱或单位名称" value={filter.q} filtered={filtered} clearHref="/admin/users">
            <label htmlFor="filter-role" className="sr-only">
              角色
            </label>
            <div className="w-36">
              <select id="filter-role" name="role" defaultValue={filter.role ?? ""} className={inputClass} data-testid="filter-role">
                <option value="">全部角色</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </div>
            <label htmlFor="filter-status" className="sr-only">
              状态
            </label>
            <div className="w-28">
              <select id="filter-status" name="status" defaultValue={filter.status ?? ""} className={inputClass} data-testid="filter-status">
                <option value="">全部状态</option>
                {Object.entries(USER_STATUS_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </SearchBox>
        </div>
        <UserTable
          users={rows}
          filtered={filtered}
          pager={{ path: "/admin/users", params: { q: filter.q, role: filter.role, status: filter.status }, page, pages: pageCount, summary: `共 ${total} 条` }}
        />
      </Card>
    </>
  );
}
