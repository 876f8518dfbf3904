import { DEMO_LOGINS } from "@/db/seed";
import { NATIONAL_LOGINS } from "@/db/seed/national";
import { resolveDatabase } from "@/lib/launcher/database";
import { printDemoLogins } from "@/lib/launcher/logins";
import { seed, seedNationalTree } from "@/lib/launcher/prepare";

// --historical uses the notice's real deadline, 2021-11-26 17:00 +08:00; --national adds the synthetic national tree.
const historical = process.argv.includes("--historical");
const national = process.argv.includes("--national");
const database = await resolveDatabase();
try {
  if (national) {
    const report = await seedNationalTree(database.url, { historical });
    const units = Object.entries(report.unitsByKind).map(([kind, count]) => `${kind} ${count}`);
    console.log(`Seeded ${database.label} with the national tree in ${report.seconds.toFixed(1)} s: ${units.join(", ")}; ${report.campaignsMade} province campaigns made.\n`);
    printDemoLogins([...DEMO_LOGINS, ...NATIONAL_LOGINS]);
  } else {
    await seed(database.url, { historical });
    console.log(`Seeded ${database.label}.\n`);
    printDemoLogins();
  }
} finally {
  await database.stop();
}
