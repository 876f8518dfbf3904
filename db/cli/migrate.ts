import { migrateDatabase } from "../migrate";
import { resolveDatabase } from "@/lib/launcher/database";

const database = await resolveDatabase();
try {
  await migrateDatabase(database.url);
  console.log(`Migrations applied to ${database.label}.`);
} finally {
  await database.stop();
}
