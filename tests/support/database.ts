import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDb, type Db } from "@/db/index";
import { templateDatabase } from "./global-setup";
import { databaseUrl, dropDatabase, recreateDatabase, withTemplateLock } from "./postgres";

// Runs before each integration test file (vitest setupFiles): the file gets its own migrated database.
const serverUrl = inject("postgresServerUrl");
const file = await createTestDatabase();

// Set before any app module is imported: lib/env.ts reads process.env on first use.
process.env.DATABASE_URL = file.url;
process.env.AUTH_SECRET = "baosong-integration-tests-secret-0123456789";

let fileDb: ReturnType<typeof createDb> | undefined;

/** This test file's own database: migrated, empty, dropped when the file ends. */
export function testDb(): { db: Db; url: string } {
  fileDb ??= createDb(file.url, { max: 4 });
  return { db: fileDb.db, url: file.url };
}

/** A further fresh copy of the migrated template (or, `empty`, a database with no schema at all); the caller drops it. */
export async function createTestDatabase({ empty = false } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `baosong_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (empty) await recreateDatabase(serverUrl, name);
  else await withTemplateLock(serverUrl, () => recreateDatabase(serverUrl, name, templateDatabase));
  return { url: databaseUrl(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}

// Registered first, so it runs after the test file's own afterAll hooks.
afterAll(async () => {
  await fileDb?.client.end();
  await file.drop();
});
