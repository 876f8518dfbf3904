import type { Role } from "@/lib/authz/roles";

export type NavItem = { href: string; label: string; roles: readonly Role[] };

const everyoneButAuditor: readonly Role[] = ["province_admin", "province_reviewer", "city_officer", "county_officer", "school_staff"];

/** The left navigation; each page still checks the role itself. */
export const NAV_ITEMS: NavItem[] = [{ href: "/", label: "我的任务", roles: everyoneButAuditor }];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
