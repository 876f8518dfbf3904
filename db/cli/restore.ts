import path from "node:path";
import { restoreDatabase } from "@/lib/launcher/backup";
import { resolveDatabase } from "@/lib/launcher/database";
import { fail } from "@/lib/launcher/processes";

// npm run db:restore -- file.dump [--replace]
const [file] = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
if (!file) fail("Name the backup to restore: npm run db:restore -- backups/baosong-….dump [--replace]");
const database = await resolveDatabase();
try {
  await restoreDatabase(database.url, path.resolve(file), { replace: process.argv.includes("--replace") });
  console.log(`Restored ${path.resolve(file)} into ${database.label}.`);
} catch (error) {
  await database.stop();
  fail((error as Error).message);
}
await database.stop();
