import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

/**
 * A pool on `url`, planning as an in-memory OLTP database should. JIT is off: the portal's queries take milliseconds,
 * and the planner's guess at a recursive walk's size can pass jit_above_cost, when compiling costs ~90 ms of a 10 ms
 * query. random_page_cost is SSD's 1.1: the registry and the tables fit in memory, and at the default 4 the planner
 * hashes all 20,000 units to join the 100 rows a page shows instead of looking each up by key.
 */
export function createDb(url: string, options: postgres.Options<Record<string, never>> = {}) {
  const client = postgres(url, { max: 10, onnotice: () => {}, ...options, connection: { jit: "off", random_page_cost: "1.1", ...options.connection } });
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
