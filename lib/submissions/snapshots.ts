import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRows } from "@/db/rows";
import { type SnapshotRow, submissionSnapshots } from "@/db/schema";

/** Freezes the rows as submitted (round 1, 2, …) so a later round can be diffed against it. Returns the round. */
export async function snapshotRows(db: DbOrTx, submissionId: number, at: Date): Promise<number> {
  const rows: SnapshotRow[] = await queryRows(
    db,
    { unitId: col.int, unitName: col.text, name: col.text, position: col.text, phone: col.text, email: col.text, schoolCode: col.textOrNull },
    sql`
    select e.unit_id as "unitId", u.name as "unitName", e.name, e.position, e.phone, e.email, e.school_code as "schoolCode"
    from roster_entries e join units u on u.id = e.unit_id
    where e.submission_id = ${submissionId}
    order by u.id`,
  );
  const [last] = await db
    .select({ round: submissionSnapshots.round })
    .from(submissionSnapshots)
    .where(eq(submissionSnapshots.submissionId, submissionId))
    .orderBy(desc(submissionSnapshots.round))
    .limit(1);
  const round = (last?.round ?? 0) + 1;
  await db.insert(submissionSnapshots).values({ submissionId, round, submittedAt: at, rows });
  return round;
}
