import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { migrationsCurrent } from "@/db/migration-status";

export type Readiness = { ready: boolean; database: "ok" | "unreachable"; migrations: "current" | "pending" | "unknown" };

/** What a load balancer asks before sending traffic: the database answers and holds this build's schema. */
export async function checkReadiness(db: Db): Promise<Readiness> {
  try {
    await db.execute(sql`select 1`);
  } catch {
    return { ready: false, database: "unreachable", migrations: "unknown" };
  }
  const current = await migrationsCurrent(db);
  return { ready: current, database: "ok", migrations: current ? "current" : "pending" };
}
