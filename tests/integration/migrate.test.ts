import { readFileSync } from "node:fs";
import postgres from "postgres";
import { expect, it } from "vitest";
import { migrateDatabase } from "@/db/migrate";
import { createTestDatabase } from "../support/database";

const journal = JSON.parse(readFileSync(new URL("../../db/migrations/meta/_journal.json", import.meta.url), "utf8")) as { entries: unknown[] };

it("two starts migrating an empty database at once both succeed, and each migration is applied once", async () => {
  const database = await createTestDatabase({ empty: true });
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const starts = await Promise.allSettled([migrateDatabase(database.url), migrateDatabase(database.url)]);
    expect(starts).toEqual([
      { status: "fulfilled", value: undefined },
      { status: "fulfilled", value: undefined },
    ]);

    const applied = await sql<{ hash: string; times: number }[]>`select hash, count(*)::int as times from drizzle.__drizzle_migrations group by hash`;
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.every((m) => m.times === 1)).toBe(true);
    const [{ tables }] = await sql<{ tables: number }[]>`select count(*)::int as tables from information_schema.tables where table_schema = 'public' and table_name in ('units', 'users', 'audit_log')`;
    expect(tables).toBe(3);
    // The lock is let go: a later start migrates (a no-op) without waiting.
    await migrateDatabase(database.url);
  } finally {
    await sql.end();
    await database.drop();
  }
});
