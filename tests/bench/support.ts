// What a benchmark of the server's modules needs first: the server's module conditions, and a database of its own.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

/** Runs the benchmark file again under the react-server condition (server-only modules refuse to load otherwise); exits with its status. */
export function asServer(benchUrl: string): void {
  if (process.execArgv.includes("--conditions=react-server")) return;
  const run = spawnSync(process.execPath, ["--conditions=react-server", ...process.execArgv, fileURLToPath(benchUrl)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}

/**
 * A migrated database named uniquely for this run (`baosong_bench_<label>_<pid>_<random>`), set as DATABASE_URL for the
 * modules imported after this; `drop` removes that database only.
 */
export async function benchDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { migrateDatabase } = await import("@/db/migrate");
  const { choosePostgresServer, databaseUrl, dropDatabase, recreateDatabase } = await import("../support/postgres");
  const server = await choosePostgresServer();
  const name = `baosong_bench_${label}_${process.pid}_${randomBytes(3).toString("hex")}`;
  await recreateDatabase(server.url, name);
  const url = databaseUrl(server.url, name);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= "baosong-bench-secret-0123456789abcdef";
  return {
    url,
    drop: async () => {
      await dropDatabase(server.url, name);
      await server.stop();
    },
  };
}
