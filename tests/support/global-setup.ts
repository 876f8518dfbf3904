import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/db/migrate";
import { checkoutDatabase, choosePostgresServer, databaseUrl, recreateDatabase, withTemplateLock } from "./postgres";

export const templateDatabase = checkoutDatabase("baosong_test_template");

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the PostgreSQL server's maintenance database; each test file creates its own database there. */
    postgresServerUrl: string;
  }
}

/** Migrates the template once per run; every test file then gets a cheap copy of it (see database.ts). */
export default async function setup(project: TestProject) {
  const server = await choosePostgresServer();
  await withTemplateLock(server.url, async () => {
    await recreateDatabase(server.url, templateDatabase);
    await migrateDatabase(databaseUrl(server.url, templateDatabase));
  });
  project.provide("postgresServerUrl", server.url);
  return () => server.stop();
}
