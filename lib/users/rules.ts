// Rules of the people page: how a phone is shown, what status a person sees, and which unit a role belongs to.
import type { Role, UnitKind, UserStatus } from "@/db/schema";
import { ROLE_BY_UNIT_KIND } from "@/lib/accounts/rules";
import { hasProvinceScope } from "@/lib/core/roles";

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

/** Province roles sit at the province; the fillers at the unit kind they fill for. Scope comes from the unit, so a mismatch would widen it. */
export function roleFitsUnit(role: Role, kind: UnitKind): boolean {
  return hasProvinceScope(role) ? kind === "province_bureau" : ROLE_BY_UNIT_KIND[kind] === role;
}
