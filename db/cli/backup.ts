import { mkdir } from "node:fs/promises";
import path from "node:path";
import { backupDatabase } from "@/lib/launcher/backup";
import { resolveDatabase } from "@/lib/launcher/database";
import { fail, projectDir } from "@/lib/launcher/processes";

// npm run db:backup [-- file.dump]: by default backups/baosong-<UTC time>.dump in the project folder.
const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
const file = path.resolve(process.argv[2] ?? path.join(projectDir, "backups", `baosong-${stamp}.dump`));
const database = await resolveDatabase();
try {
  await mkdir(path.dirname(file), { recursive: true });
  await backupDatabase(database.url, file);
  console.log(`Backed up ${database.label} to ${file}.`);
} catch (error) {
  await database.stop();
  fail((error as Error).message);
}
await database.stop();
