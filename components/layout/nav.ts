import { may, type Permission } from "@/lib/core/policy";
import type { Role } from "@/lib/core/roles";

export type NavItem = { href: string; label: string; permission: Permission; alsoActiveOn?: string[] };

/** The left navigation by role. Hiding a link is not a check: every page checks the role itself. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "我的任务", permission: "tasks.read", alsoActiveOn: ["/campaigns", "/submissions"] },
  { href: "/dashboard", label: "报送进度", permission: "dashboard.read" },
  { href: "/review", label: "审核", permission: "review.read" },
  { href: "/bulletins", label: "通报", permission: "bulletins.read" },
  { href: "/exports", label: "数据导出", permission: "exports.province" },
  { href: "/admin/campaigns", label: "任务管理", permission: "campaigns.manage" },
  { href: "/verification/snapshots", label: "参考数据", permission: "verification.manage" },
  { href: "/admin/units", label: "单位管理", permission: "units.manage" },
  { href: "/admin/users", label: "用户管理", permission: "users.manage" },
  { href: "/mail", label: "邮件", permission: "mail.manage" },
  { href: "/audit", label: "审计日志", permission: "audit.read" },
];

/** In the demo everyone reads their own mail in the local mailbox, so the demo works offline. */
export function navItemsFor(role: Role, { demo }: { demo: boolean }): NavItem[] {
  return NAV_ITEMS.filter((item) => may(role, item.permission) || (demo && item.href === "/mail"));
}
