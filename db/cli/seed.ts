import { resolveDatabase } from "@/lib/launcher/database";
import { printDemoLogins } from "@/lib/launcher/logins";
import { seed } from "@/lib/launcher/prepare";

// --historical uses the notice's real deadline, 2021-11-26 17:00 +08:00.
const historical = process.argv.includes("--historical");
const database = await resolveDatabase();
try {
  await seed(database.url, { historical });
  console.log(`Seeded ${database.label}.\n`);
  printDemoLogins();
} finally {
  await database.stop();
}
