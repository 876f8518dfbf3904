import { createDb } from "@/db";
import { verifyAuditChain } from "@/lib/audit/verify";
import { resolveDatabase } from "@/lib/launcher/database";

// npm run audit:verify: exit 0 with the row count when the chain is intact, else 1 naming the first broken row.
const database = await resolveDatabase();
const { db, client } = createDb(database.url, { max: 1 });
const check = await verifyAuditChain(db);
await client.end();
await database.stop();
if (check.intact) {
  console.log(`Audit log intact: ${check.rows} rows, every one chained to the one before it.`);
} else {
  console.error(`Audit log broken: ${check.seq === null && check.id === null ? "" : `row seq ${check.seq ?? "none"} (id ${check.id}) `}${check.problem}. ${check.rows} rows in all.`);
  process.exit(1);
}
