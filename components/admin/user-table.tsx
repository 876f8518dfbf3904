import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import type { PagerProps } from "@/components/ui/pager";
import { ROLE_LABELS } from "@/lib/core/roles";
import { formatDateTime } from "@/lib/time";
import type { UserSummary } from "@/lib/users/queries";
import { UserStatusTag } from "./user-status-tag";

const COLUMNS: Column<UserSummary>[] = [
  {
    header: "姓名",
    cell: (u) => (
      <Link href={`/admin/users/${u.id}`} className="text-brand-600 hover:underline">
        {u.name}
      </Link>
    ),
  },
  { header: "邮箱（登录账号）", className: "break-all", cell: (u) => u.email },
  { header: "联系电话", className: "font-mono text-xs", cell: (u) => <span data-testid="user-phone">{u.phone ?? ""}</span> },
  { header: "所在单位", cell: (u) => u.unitName },
  { header: "角色", cell: (u) => ROLE_LABELS[u.role] },
  { header: "状态", cell: (u) => <UserStatusTag status={u.status} /> },
  { header: "最近登录", className: "text-slate-600", cell: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : "从未登录") },
];

export function UserTable({ users, filtered, pager }: { users: UserSummary[]; filtered: boolean; pager: PagerProps }) {
  return (
    <DataTable
      rows={users}
      columns={COLUMNS}
      rowKey={(u) => u.id}
      rowProps={(u) => ({ "data-testid": "user-row", "data-email": u.email })}
      empty={filtered ? { title: "没有符合条件的用户", description: "请调整搜索条件。" } : { title: "还没有用户", description: "点击「邀请用户」开设第一个账号。" }}
      testId="user-table"
      pager={pager}
    />
  );
}
