import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/admin/pagination";
import { SearchBox } from "@/components/admin/search-box";
import { USER_STATUS_LABELS, UserStatusTag } from "@/components/admin/user-status-tag";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Empty } from "@/components/ui/empty";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { ROLE_LABELS, ROLES } from "@/lib/core/roles";
import { formatDateTime } from "@/lib/time";
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
        {rows.length === 0 ? (
          <Empty title={filtered ? "没有符合条件的用户" : "还没有用户"} description={filtered ? "请调整搜索条件。" : "点击「邀请用户」开设第一个账号。"} />
        ) : (
          <div className="overflow-auto rounded border border-slate-200">
            <table className="w-full min-w-[960px] border-collapse text-sm" data-testid="user-table">
              <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">姓名</th>
                  <th scope="col" className="px-3 py-2 font-medium">邮箱（登录账号）</th>
                  <th scope="col" className="px-3 py-2 font-medium">联系电话</th>
                  <th scope="col" className="px-3 py-2 font-medium">所在单位</th>
                  <th scope="col" className="px-3 py-2 font-medium">角色</th>
                  <th scope="col" className="px-3 py-2 font-medium">状态</th>
                  <th scope="col" className="px-3 py-2 font-medium">最近登录</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((u) => (
                  <tr key={u.id} className="border-t border-slate-100 hover:bg-slate-50" data-testid="user-row" data-email={u.email}>
                    <td className="px-3 py-2">
                      <Link href={`/admin/users/${u.id}`} className="text-brand-600 hover:underline">
                        {u.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 break-all">{u.email}</td>
                    <td className="px-3 py-2 font-mono text-xs" data-testid="user-phone">
                      {u.phone ?? ""}
                    </td>
                    <td className="px-3 py-2">{u.unitName}</td>
                    <td className="px-3 py-2">{ROLE_LABELS[u.role]}</td>
                    <td className="px-3 py-2">
                      <UserStatusTag status={u.status} />
                    </td>
                    <td className="px-3 py-2 text-slate-600">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "从未登录"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination path="/admin/users" params={{ q: filter.q, role: filter.role, status: filter.status }} page={page} pageCount={pageCount} total={total} />
      </Card>
    </>
  );
}
