import { z } from "zod";

/** Every environment variable the application reads, parsed once. Nothing else reads process.env. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** The table owner's connection, for migrations; the web processes and workers use DATABASE_URL, a role that owns nothing. */
  MIGRATION_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** A streaming replica for read-only pages (dashboards); optional. */
  DATABASE_REPLICA_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  AUTH_SECRET: z.string().min(32),
  /** Public base URL used in email links, e.g. https://baosong.example.gov.cn */
  APP_URL: z.url().default("http://localhost:3000"),
  MAIL_FROM: z.string().min(3).default("河北省教育厅 <noreply@baosong.local>"),
  RESEND_API_KEY: z.string().min(1).optional(),
  /** `local` on purpose: mail goes to the portal's own mailbox (「邮件」) instead of a provider. */
  MAIL_TRANSPORT: z.enum(["resend", "local"]).optional(),
  /** Set by `npm run demo` and `npm run dev` only: a 「演示环境」 banner, and 「邮件」 shows everyone their own mail with its links shown. */
  DEMO_MODE: z.stringbool().default(false),
  RESEND_BASE_URL: z.url().optional(),
  RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Provider requests per second the worker stays under. */
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().default(2),
  /** Privileged accounts (province roles, auditor, security admin) must choose a new password after this many days. */
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().positive().default(90),
  /** The worker disables an account nobody has signed in to for this many days. */
  ACCOUNT_IDLE_DISABLE_DAYS: z.coerce.number().int().positive().default(90),
  /** The worker blanks a campaign's personal data (names, phones, emails, scans, mail bodies) this many days after it closed. */
  PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  /** Whether the filler accounts (city, county, school) sign in with a second factor too; privileged accounts always do. */
  FILLER_SECOND_FACTOR: z.stringbool().default(false),
  /** How long the mail worker waits before looking at the outbox again when it found nothing to send. */
  WORKER_POLL_MS: z.coerce.number().int().positive().default(5000),
  /**
   * Comma-separated addresses or CIDR ranges (IPv4 and IPv6) of the reverse proxies in front of the portal.
   * Only a request from one of them has its X-Forwarded-For believed; empty: the socket's peer is the client.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]))),
});

export type Env = z.infer<typeof schema>;

/** Parses an environment, throwing one sentence that names the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0]);
  const problem = source[name] === undefined || source[name] === "" ? "is missing" : `is invalid (${issue.message})`;
  throw new EnvError(`Environment variable ${name} ${problem}.`);
}

export class EnvError extends Error {
  name = "EnvError";
}

let cached: Env | undefined;

/** The application's environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
