import type { Role } from "@/lib/authz/roles";

export type NavItem = { href: string; label: string; roles: readonly Role[]; alsoActiveOn?: string[] };

const FILLERS_AND_PROVINCE: readonly Role[] = ["province_admin", "province_reviewer", "city_officer", "county_officer", "school_staff"];

/** The left navigation by role. Hiding a link is not a check: every page checks the role itself. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "我的任务", roles: FILLERS_AND_PROVINCE, alsoActiveOn: ["/campaigns", "/submissions"] },
  { href: "/dashboard", label: "报送进度", roles: ["province_admin", "province_reviewer", "city_officer"] },
  { href: "/review", label: "审核", roles: ["province_reviewer", "province_admin"] },
  { href: "/bulletins", label: "通报", roles: FILLERS_AND_PROVINCE },
  { href: "/exports", label: "数据导出", roles: ["province_admin", "province_reviewer"] },
  { href: "/admin/campaigns", label: "任务管理", roles: ["province_admin"] },
  { href: "/admin/units", label: "单位管理", roles: ["province_admin"] },
  { href: "/admin/users", label: "用户管理", roles: ["province_admin"] },
  { href: "/mail", label: "邮件", roles: ["province_admin"] },
  { href: "/audit", label: "审计日志", roles: ["auditor"] },
];

/** In development everyone reads the local mailbox, so the demo works offline. */
export function navItemsFor(role: Role, { development }: { development: boolean }): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role) || (development && item.href === "/mail"));
}
