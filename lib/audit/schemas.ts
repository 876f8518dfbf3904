// The audit search: read from the URL (a GET form), so a search can be bookmarked and exported as is.
import { z } from "zod";
import type { AuditOutcome } from "@/db/schema";

/** "2021-11-26" or "2021-11-26T17:00" (as BeijingTimeInput sends it), read as Beijing time. */
const moment = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, "时间格式应为 2021-11-26 或 2021-11-26T17:00")
  .refine((v) => !Number.isNaN(new Date(`${v.length === 10 ? `${v}T00:00` : v}:00+08:00`).getTime()), "时间不存在，请核对")
  .optional()
  .catch(undefined);

const text = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize("NFKC").trim().slice(0, max))
    .optional()
    .transform((v) => v || undefined)
    .catch(undefined);

export const AUDIT_OUTCOMES = ["success", "denied", "rejected"] as const satisfies readonly AuditOutcome[];

export const OUTCOME_LABELS: Record<AuditOutcome, string> = { success: "成功", denied: "拒绝（无权限）", rejected: "未通过（输入或状态不符）" };

export const auditFilterSchema = z.object({
  from: moment,
  to: moment,
  /** Name or email of the person who acted. */
  user: text(100),
  /** Name or code of the unit the person acted from. */
  unit: text(60),
  /** An action name, or its beginning ("user." finds every action on accounts). */
  action: text(60),
  targetType: text(40),
  targetId: text(40),
  outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type AuditFilter = z.output<typeof auditFilterSchema>;

/** The filter from URL search parameters; anything malformed is dropped, never an error page. */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>): AuditFilter {
  const single = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return auditFilterSchema.parse(single);
}

/** The instant a bound stands for: `from` is inclusive, `to` takes in the whole day or minute it names. */
export function boundInstant(value: string, side: "from" | "to"): Date {
  const dayOnly = value.length === 10;
  const start = new Date(`${dayOnly ? `${value}T00:00` : value}:00+08:00`);
  if (side === "from") return start;
  return new Date(start.getTime() + (dayOnly ? 24 * 60 : 1) * 60 * 1000);
}

/** The search without its page: what an export records, and what the page links carry. */
export function searchOf(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => e[0] !== "page" && typeof e[1] === "string"));
}
