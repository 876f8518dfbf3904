import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** What every server action returns to the form that called it. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; formError?: string; fieldErrors?: FieldErrors; notFound?: boolean };

export type Refusal = "rejected" | "denied" | "not_found";

/**
 * A refusal a person can act on; thrown inside a command, it rolls the transaction back. With `keepWrites`,
 * what the command wrote before refusing is kept instead (a wrong code that counts toward a limit).
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly options: { fieldErrors?: FieldErrors; kind?: Refusal; detail?: Record<string, unknown>; keepWrites?: boolean } = {},
  ) {
    super(message);
  }
}

export const NOT_FOUND_MESSAGE = "未找到该记录，或您无权访问。";
export const DENIED_MESSAGE = "您的角色无权执行此操作。";
/** Shown in the browser when an action never answered: the network dropped, or the server failed outside a command. */
export const ACTION_FAILED_MESSAGE = "网络或服务器异常，操作未完成，请重试。";

export function notFound(): DomainError {
  return new DomainError(NOT_FOUND_MESSAGE, { kind: "not_found" });
}

/** zod issues → one Chinese message per field (the schemas carry the Chinese text). */
export function toFieldErrors(error: z.ZodError): { formError?: string; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  let formError: string | undefined;
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    if (!key) formError ??= issue.message;
    else fieldErrors[key] ??= issue.message;
  }
  return { formError, fieldErrors };
}
