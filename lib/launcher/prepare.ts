import { createDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { ensureLocalApplicationRole, grantApplicationRole, roleOf } from "@/db/roles";
import { seedDatabase } from "@/db/seed";
import { seedDemoDelegation } from "@/db/seed/delegation";
import { seedDemoTraining } from "@/db/seed/training";
import { seedDemoVerification } from "@/db/seed/verification";
import { type NationalSeedReport, seedNational } from "@/db/seed/national";
import { type ResolvedDatabase, resolveDatabase } from "./database";
import { authSecret } from "./secret";

export const APP_URL = "http://localhost:3000";

/**
 * The database the demo and dev servers use, migrated and seeded (both are no-ops the second time).
 * On the project's own local server the portal connects as the application role, as in production.
 */
export async function prepareDatabase(): Promise<ResolvedDatabase & { appUrl: string }> {
  const database = await resolveDatabase();
  await migrateDatabase(database.url);
  await seed(database.url, {});
  if (!database.local) return { ...database, appUrl: database.url };
  const appUrl = await ensureLocalApplicationRole(database.url);
  await grantApplicationRole(database.url, roleOf(appUrl));
  return { ...database, appUrl };
}

/**
 * Hebei's demo data, with 石家庄's tables delegated to its counties and the notice's training and verification tasks
 * (the tests seed without these: they make their own).
 */
export async function seed(url: string, options: { historical?: boolean }): Promise<void> {
  const { db, client } = createDb(url, { max: 1 });
  try {
    await seedDatabase(db, options);
    await seedDemoDelegation(db);
    await seedDemoTraining(db);
    await seedDemoVerification(db);
  } finally {
    await client.end();
  }
}

/** The national tree beside Hebei's demo (`npm run db:seed -- --national`). */
export async function seedNationalTree(url: string, options: { historical?: boolean }): Promise<NationalSeedReport> {
  const { db, client } = createDb(url, { max: 1 });
  try {
    return await seedNational(db, options);
  } finally {
    await client.end();
  }
}

/**
 * The environment of a local portal: without AUTH_SECRET and AUTH_TRUST_HOST every user is silently anonymous.
 * Demo mode: mail goes to the local mailbox unless a Resend key is given, and 「邮件」 shows its links.
 */
export async function localAppEnv(databaseUrl: string): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: await authSecret(),
    AUTH_TRUST_HOST: "true",
    APP_URL,
    MAIL_TRANSPORT: process.env.MAIL_TRANSPORT ?? (process.env.RESEND_API_KEY ? "resend" : "local"),
    DEMO_MODE: "true",
  };
}
