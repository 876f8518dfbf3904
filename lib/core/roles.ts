import type { Role } from "@/db/schema";

export type { Role };

export const ROLE_LABELS: Record<Role, string> = {
  province_admin: "省级管理员",
  province_reviewer: "省级审核员",
  city_officer: "市级填报员",
  county_officer: "县级填报员",
  school_staff: "学校填报员",
  auditor: "审计管理员",
  security_admin: "安全管理员",
  ministry_viewer: "教育部查看员",
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** Roles whose scope is their whole province: their accounts belong to the province's bureau. */
export const PROVINCE_ROLES: readonly Role[] = ["province_admin", "province_reviewer", "auditor", "security_admin"];

/** Roles of the 教育部 level: their accounts belong to the root unit, and they read every province. */
export const MINISTRY_ROLES: readonly Role[] = ["ministry_viewer"];

/**
 * Accounts whose misuse reaches everyone's data, the log or other accounts: their passwords age out, they
 * sign in with a second factor, and only the security administrator creates or changes them.
 */
export const PRIVILEGED_ROLES: readonly Role[] = ["province_admin", "province_reviewer", "auditor", "security_admin", "ministry_viewer"];

/** Roles that fill in a unit's table. */
export const FILLER_ROLES: readonly Role[] = ["city_officer", "county_officer", "school_staff"];

export function hasProvinceScope(role: Role): boolean {
  return PROVINCE_ROLES.includes(role);
}

/**
 * Roles that oversee campaigns rather than fill them: they follow every campaign published within their
 * subtree (a province bureau's own, or every province's for the ministry) and every unit under them.
 */
export function hasOversightScope(role: Role): boolean {
  return hasProvinceScope(role) || MINISTRY_ROLES.includes(role);
}
