import { sql } from "drizzle-orm";
import type { DbOrTx } from "./index";
import journal from "./migrations/meta/_journal.json";
import { col, queryRow } from "./rows";

/** drizzle records each applied migration with its journal timestamp; the newest one this build knows of. */
const LATEST_MIGRATION = Math.max(...journal.entries.map((entry) => entry.when));

/** Whether the database has every migration this build ships (false when it has none, or an older set). */
export async function migrationsCurrent(db: DbOrTx): Promise<boolean> {
  try {
    const row = await queryRow(db, { latest: col.intOrNull }, sql`select max(created_at) as latest from drizzle.__drizzle_migrations`);
    return (row?.latest ?? 0) >= LATEST_MIGRATION;
  } catch {
    return false;
  }
}
