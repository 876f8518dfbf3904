import { z } from "zod";

/** Every environment variable the application reads, parsed once. Nothing else reads process.env. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  AUTH_SECRET: z.string().min(32),
  /** Public base URL used in email links, e.g. https://baosong.example.gov.cn */
  APP_URL: z.url().default("http://localhost:3000"),
  MAIL_FROM: z.string().min(3).default("河北省教育厅 <noreply@baosong.local>"),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Provider requests per second the worker stays under. */
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().default(2),
  /** Privileged accounts (province roles, auditor, security admin) must choose a new password after this many days. */
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().positive().default(90),
  /** The worker disables an account nobody has signed in to for this many days. */
  ACCOUNT_IDLE_DISABLE_DAYS: z.coerce.number().int().positive().default(90),
  /** Whether the filler accounts (city, county, school) sign in with a second factor too; privileged accounts always do. */
  FILLER_SECOND_FACTOR: z.stringbool().default(false),
  /** How long the mail worker waits before looking at the outbox again when it found nothing to send. */
  WORKER_POLL_MS: z.coerce.number().int().positive().default(5000),
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
