import path from "node:path";
import postgres from "postgres";
import { startLocalPostgres } from "@/db/local-server";
import { dataDir, fail } from "./processes";

export type ResolvedDatabase = {
  url: string;
  /** Where the data lives, for the banner (never shows a password). */
  label: string;
  /** The project's own embedded server (not DATABASE_URL). */
  local: boolean;
  stop(): Promise<void>;
};

/** DATABASE_URL when it is set, else the embedded server under .data/; exits with one sentence if unreachable. */
export async function resolveDatabase(): Promise<ResolvedDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await assertReachable(url);
    const { host, pathname } = parseUrl(url);
    return { url, label: `${host}${pathname} (DATABASE_URL)`, local: false, stop: async () => {} };
  }
  const local = await startLocalPostgres({ dataDir: path.join(dataDir, "postgres") }).catch((error: Error) =>
    fail(error.message),
  );
  await assertReachable(local.url);
  return { ...local, local: true, label: `local PostgreSQL ${parseUrl(local.url).host} (.data/postgres)` };
}

/** Connects once; on failure prints which DATABASE_URL host:port was tried and why, and exits 1. */
export async function assertReachable(url: string): Promise<void> {
  const { host } = parseUrl(url);
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    fail(`Cannot connect to the PostgreSQL server at ${host} given by DATABASE_URL: ${reason(error)}.`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function parseUrl(url: string): { host: string; pathname: string } {
  try {
    const parsed = new URL(url);
    return { host: `${parsed.hostname}:${parsed.port || 5432}`, pathname: parsed.pathname };
  } catch {
    return fail("DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database).");
  }
}

function reason(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === "ECONNREFUSED") return "nothing is listening there";
  if (code === "ENOTFOUND") return "the host name does not resolve";
  if (code === "CONNECT_TIMEOUT") return "the connection timed out";
  return message || String(code);
}
