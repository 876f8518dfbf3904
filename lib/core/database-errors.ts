/** A failure PostgreSQL reported: its SQLSTATE and, for a constraint, the constraint's name. */
export type PostgresFailure = { sqlstate: string; constraint?: string };

/**
 * The PostgreSQL error behind `error`: postgres.js throws a PostgresError, which drizzle wraps in a
 * DrizzleQueryError as `cause` (a failed COMMIT reaches us unwrapped).
 */
export function postgresFailureOf(error: unknown): PostgresFailure | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code, constraint_name } = e as { name?: unknown; code?: unknown; constraint_name?: unknown };
    if (name === "PostgresError" && typeof code === "string") {
      return typeof constraint_name === "string" ? { sqlstate: code, constraint: constraint_name } : { sqlstate: code };
    }
  }
  return undefined;
}

/** A concurrent transaction got in the way (serialization failure, deadlock); running the command again usually succeeds. */
export const RETRYABLE_SQLSTATES: readonly string[] = ["40001", "40P01"];

export const CONCURRENT_CHANGE_MESSAGE = "该记录已被其他人同时修改，未保存任何内容。请刷新页面后重试。";
const DUPLICATE_MESSAGE = "与已有记录重复，未保存任何内容。请刷新页面查看最新情况后再操作。";
export const UNAVAILABLE_MESSAGE = "服务器暂时无法完成操作，未保存任何内容，请稍后重试。";

/** What each unique constraint means, for the person who ran into it (names as in db/migrations). */
export const DUPLICATE_MESSAGES: Record<string, string> = {
  users_email_key: "该邮箱已是平台上另一个账号的登录邮箱，每个邮箱只能开设一个账号，未保存任何内容。请更换邮箱，或刷新页面查看最新情况。",
  units_code_unique: "该单位代码已被其他单位使用，未保存任何内容。请核对后更换单位代码。",
  units_school_code_key: "该学校标识码已被其他单位使用，未保存任何内容。请核对后更换学校标识码。",
  roster_entries_campaign_unit_key: "该单位的系统管理员已由他人同时填写（每个单位仅限一名），未保存任何内容。请刷新页面查看后再修改。",
  campaign_assignments_campaign_unit_key: "该单位已在本任务的报送单位中，未保存任何内容。请刷新页面查看最新情况。",
  submissions_campaign_unit_key: "该单位在本任务中已有报送，未保存任何内容。请刷新页面查看最新情况。",
  submission_snapshots_round_key: CONCURRENT_CHANGE_MESSAGE,
};

/**
 * What the person is told about a failure that is not a DomainError (never the database's own text),
 * and whether it is expected: a unique violation whose meaning is known is an ordinary race.
 */
export function failureRefusal(failure: PostgresFailure | undefined): { reason: "duplicate" | "concurrent_change" | "error"; message: string; expected: boolean } {
  if (failure?.sqlstate === "23505") {
    const known = failure.constraint !== undefined && Object.hasOwn(DUPLICATE_MESSAGES, failure.constraint);
    return { reason: "duplicate", message: known ? DUPLICATE_MESSAGES[failure.constraint!] : DUPLICATE_MESSAGE, expected: known };
  }
  if (failure && RETRYABLE_SQLSTATES.includes(failure.sqlstate)) return { reason: "concurrent_change", message: CONCURRENT_CHANGE_MESSAGE, expected: false };
  return { reason: "error", message: UNAVAILABLE_MESSAGE, expected: false };
}
