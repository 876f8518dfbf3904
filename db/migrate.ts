import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
/** The advisory lock every migrating process takes: any key, as long as all of them use the same one. */
const MIGRATION_LOCK = 7_301_460_001;

/**
 * Applies every pending migration in db/migrations to the database at `url`. Every web process
 * migrates on start, so they take turns: the lock is held on a connection of its own (a session
 * lock, released when that connection ends), and whoever comes second finds nothing left to do.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.end();
    await lock.end();
  }
}
