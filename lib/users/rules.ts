// Rules of the people page: how a phone is shown, what status a person sees, and which unit a role belongs to.
import type { Role, UnitKind, UserStatus } from "@/db/schema";
import { ROLE_BY_UNIT_KIND } from "@/lib/accounts/rules";
import { FILLER_ROLES, hasProvinceScope, MINISTRY_ROLES, PRIVILEGED_ROLES } from "@/lib/core/roles";

/** 13800138000 → 138****8000; 0311-66005705 → 0311-****5705. Lists never show a whole number. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const landline = /^(0\d{2,3})-(\d{7,8})(-\d{1,6})?$/.exec(phone);
  if (landline) return `${landline[1]}-****${landline[2].slice(-4)}${landline[3] ?? ""}`;
  return phone.length > 4 ? `****${phone.slice(-4)}` : "****";
}

/** An active account inside its lock window shows as locked; a lock that has run out is no lock. */
export function shownStatus(user: { status: UserStatus; lockedUntil: Date | null }, now: Date): UserStatus {
  return user.status === "active" && user.lockedUntil && user.lockedUntil > now ? "locked" : user.status;
}

/**
 * Ministry roles sit at 教育部, province roles at a province bureau, the fillers at the unit kind they fill
 * for. Scope comes from the unit, so a mismatch would widen it.
 */
export function roleFitsUnit(role: Role, kind: UnitKind): boolean {
  if (MINISTRY_ROLES.includes(role)) return kind === "ministry";
  return hasProvinceScope(role) ? kind === "province_bureau" : ROLE_BY_UNIT_KIND[kind] === role;
}

/**
 * 三员分立: the province administrator keeps the filler accounts, the security administrator the privileged
 * ones (province roles, auditor, security administrator). Nobody else creates or changes an account.
 */
export function managesAccount(actorRole: Role, accountRole: Role): boolean {
  if (actorRole === "security_admin") return PRIVILEGED_ROLES.includes(accountRole);
  if (actorRole === "province_admin") return FILLER_ROLES.includes(accountRole);
  return false;
}

/** Who to turn to for an account one does not manage. */
export function outsideRemitMessage(accountRole: Role): string {
  return PRIVILEGED_ROLES.includes(accountRole)
    ? "省级管理员、省级审核员、审计管理员和安全管理员的账号只能由安全管理员开设和修改（三员分立），请联系安全管理员办理"
    : "市级、县级和学校填报员的账号由省级管理员开设和修改（三员分立），请联系省级管理员办理";
}

/** 三员: the audit and the security administrator each keep an account of their own, which never changes role. */
export const SEPARATE_ACCOUNT_ROLES: readonly Role[] = ["auditor", "security_admin"];

/** Refusing an action on one's own account: another security administrator does it. */
export function ownAccountMessage(actorRole: Role, what: string): string {
  return `不能${what}，请由${actorRole === "security_admin" ? "另一位" : ""}安全管理员办理`;
}
