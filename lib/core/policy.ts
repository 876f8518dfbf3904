import { FILLER_ROLES, type Role, ROLES } from "./roles";

/**
 * Which role may do what: the one table that commands, queries, pages and the navigation read.
 * Hiding a link is not a check; every command and query checks its permission itself.
 */
export const POLICY = {
  /** 我的任务 and the tables a unit fills. */
  "tasks.read": ["province_admin", "province_reviewer", ...FILLER_ROLES],
  "roster.fill": FILLER_ROLES,
  /** 分派填报: the city hands rows of its table to its counties and schools, confirms or returns what they hand in. */
  "delegation.manage": ["city_officer"],
  /** A county that collects its schools hands their rows on to them (分派给学校), confirms or returns what they hand in. */
  "delegation.collect": ["county_officer"],
  /** A county or school hands its delegated rows in to the city (提交给市级), or withdraws them. */
  "delegation.hand_in": ["county_officer", "school_staff"],
  /** 「查看完整信息」 of a table one may read: the phones and emails that are masked, with a reason (audited). */
  "roster.reveal": ["province_admin", "province_reviewer", ...FILLER_ROLES],
  /** The ministry viewer reads every province's dashboards, and writes nothing anywhere. */
  "dashboard.read": ["province_admin", "province_reviewer", "city_officer", "ministry_viewer"],
  "reminders.urge": ["province_admin", "city_officer"],
  "review.read": ["province_reviewer", "province_admin"],
  "review.decide": ["province_reviewer"],
  "accounts.resend": ["province_reviewer"],
  "bulletins.read": ["province_admin", "province_reviewer", ...FILLER_ROLES, "ministry_viewer"],
  "bulletins.manage": ["province_admin"],
  "exports.province": ["province_admin", "province_reviewer"],
  "campaigns.manage": ["province_admin"],
  /** 系统应用培训: the training pages of the tasks one's unit takes part in. */
  "training.read": ["province_admin", "province_reviewer", ...FILLER_ROLES],
  /** Phases and their dates, sessions, seats, attendance, 补训: the province administrator's. */
  "training.manage": ["province_admin"],
  /** A city splits the seats it was given among its counties and schools. */
  "training.split_quota": ["city_officer"],
  /** A unit confirms its 回执 or names another person; the reporting unit submits them (as its table). */
  "training.register": FILLER_ROLES,
  /** A city approves its counties' and schools' 回执 before submitting them. */
  "training.approve": ["city_officer"],
  /** 问题收集反馈: any unit asks, its city triages, the province answers and publishes FAQ entries. */
  "training.ask": FILLER_ROLES,
  "training.triage": ["city_officer"],
  "training.answer": ["province_admin", "province_reviewer"],
  /** 数据核验: the verification pages of the tasks one's unit takes part in. */
  "verification.read": ["province_admin", "province_reviewer", ...FILLER_ROLES],
  /** Reference snapshots, the rules and the verification task itself: the province administrator's. */
  "verification.manage": ["province_admin"],
  /** A school answers its own discrepancies: corrected in the source system, or explained. */
  "verification.answer": ["school_staff"],
  /** 逐级确认: a school, county, city, then the province confirm; each level above may return an item with a reason. */
  "verification.confirm": FILLER_ROLES,
  /** The province's confirmation of a reporting unit: it approves that unit's submission. */
  "verification.approve": ["province_reviewer"],
  "verification.return": ["county_officer", "city_officer", "province_reviewer"],
  "units.manage": ["province_admin"],
  /**
   * The people page (三员分立): the province administrator invites and changes the filler accounts, the
   * security administrator the privileged ones (lib/users/rules.ts managesAccount decides which account is whose).
   */
  "users.manage": ["province_admin", "security_admin"],
  /** Unlocking, ending sessions and resetting second factors, for every account. */
  "users.security": ["security_admin"],
  "mail.manage": ["province_admin"],
  /** Every account changes its own password, the auditor's included. */
  "account.own": ROLES,
  /** Only the audit administrator reads the log (等保 三权分立). */
  "audit.read": ["auditor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof POLICY;

export function may(role: Role, permission: Permission): boolean {
  return (POLICY[permission] as readonly Role[]).includes(role);
}

/** Queries check the permission as well as the page that calls them: a read outside it is refused, never answered. */
export function assertPermission(actor: { role: Role }, permission: Permission): void {
  if (!may(actor.role, permission)) throw new Error(`role ${actor.role} lacks ${permission}`);
}
