import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export function createDb(url: string, options: postgres.Options<Record<string, never>> = {}) {
  const client = postgres(url, { max: 10, onnotice: () => {}, ...options });
  return { db: drizzle(client, { schema }), client };
}

export type Db = ReturnType<typeof createDb>["db"];
/** A transaction handle: every domain write takes one. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

const globalForDb = globalThis as unknown as { baosongDb?: Db; baosongReadDb?: Db };

/** The application's database, from DATABASE_URL; one pool per process (kept across dev reloads). */
export function getDb(): Db {
  globalForDb.baosongDb ??= createDb(env().DATABASE_URL).db;
  return globalForDb.baosongDb;
}

/**
 * For pages that only read figures a few seconds old may show (dashboards): the streaming replica at
 * DATABASE_REPLICA_URL when there is one, else the primary. Never for a read that decides a write.
 */
export function getReadDb(): Db {
  const url = env().DATABASE_REPLICA_URL;
  if (!url) return getDb();
  globalForDb.baosongReadDb ??= createDb(url).db;
  return globalForDb.baosongReadDb;
}
