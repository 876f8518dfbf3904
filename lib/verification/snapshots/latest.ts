// Which snapshot the rules read: per source, the latest version the province imported for a school year.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type ReferenceSource, referenceSource } from "@/db/schema";

export type LatestSnapshots = Partial<Record<ReferenceSource, number>>;

/** The id of each source's latest snapshot for `schoolYear`; a source not yet imported is absent. */
export async function latestSnapshotIds(db: DbOrTx, ownerUnitId: number, schoolYear: number): Promise<LatestSnapshots> {
  const rows = await queryRows(
    db,
    { source: col.oneOf(referenceSource.enumValues), id: col.int },
    sql`select distinct on (source) source, id from reference_snapshots
        where owner_unit_id = ${ownerUnitId} and school_year = ${schoolYear}
        order by source, version desc`,
  );
  return Object.fromEntries(rows.map((r) => [r.source, r.id]));
}
