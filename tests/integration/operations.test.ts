import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/index";
import { migrateDatabase } from "@/db/migrate";
import { auditLog, rosterEntries, units, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { backupDatabase, restoreDatabase } from "@/lib/launcher/backup";
import { checkReadiness } from "@/lib/ops/readiness";
import { createTestDatabase, testDb } from "../support/database";

const { db, url } = testDb();
const folder = mkdtempSync(join(tmpdir(), "baosong-backup-"));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(folder, { recursive: true, force: true });
});

/** A database of this test's own, with a client; dropped after the file. */
async function scratchDatabase({ empty }: { empty: boolean }) {
  const database = await createTestDatabase({ empty });
  const handle = createDb(database.url, { max: 2 });
  cleanups.push(async () => {
    await handle.client.end();
    await database.drop();
  });
  return { url: database.url, db: handle.db };
}

/** What a restore must bring back exactly. */
async function contents(target: typeof db) {
  return {
    units: await target.select().from(units).orderBy(asc(units.id)),
    users: await target.select().from(users).orderBy(asc(users.id)),
    rows: await target.select().from(rosterEntries).orderBy(asc(rosterEntries.id)),
    audit: await target.select().from(auditLog).orderBy(asc(auditLog.id)),
  };
}

describe("db:backup and db:restore", () => {
  it("restore a backup into an empty database exactly, append-only triggers included", async () => {
    await seedDatabase(db, { now: new Date("2021-11-22T02:00:00Z") });
    const file = join(folder, "seeded.dump");
    await backupDatabase(url, file);

    const target = await scratchDatabase({ empty: true });
    await restoreDatabase(target.url, file, { replace: false });
    expect(await contents(target.db)).toEqual(await contents(db));
    await target.db.insert(auditLog).values({ action: "test.after_restore", outcome: "success" });
    await expect(target.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    expect(await checkReadiness(target.db)).toEqual({ ready: true, database: "ok", migrations: "current" });
  });

  it("refuse to overwrite a database that holds data unless told to replace it", async () => {
    const file = join(folder, "seeded-2.dump");
    await backupDatabase(url, file);
    const target = await scratchDatabase({ empty: false });
    await target.db.insert(units).values({ code: "99", name: "待覆盖的单位", kind: "ministry" });
    await expect(restoreDatabase(target.url, file, { replace: false })).rejects.toThrow(/--replace/);
    await restoreDatabase(target.url, file, { replace: true });
    expect((await contents(target.db)).units).toEqual((await contents(db)).units);
  });

  it("say plainly when the backup file is not there", async () => {
    const target = await scratchDatabase({ empty: true });
    await expect(restoreDatabase(target.url, join(folder, "missing.dump"), { replace: false })).rejects.toThrow(/pg_restore failed/);
  });
});

describe("readiness", () => {
  it("is ready on a migrated database, and not on one with no schema", async () => {
    expect(await checkReadiness(db)).toEqual({ ready: true, database: "ok", migrations: "current" });
    const bare = await scratchDatabase({ empty: true });
    expect(await checkReadiness(bare.db)).toEqual({ ready: false, database: "ok", migrations: "pending" });
    await migrateDatabase(bare.url);
    expect(await checkReadiness(bare.db)).toMatchObject({ ready: true });
  });

  it("reports an unreachable database", async () => {
    const nowhere = createDb("postgres://postgres@127.0.0.1:1/none", { max: 1, connect_timeout: 2 });
    cleanups.push(() => nowhere.client.end());
    expect(await checkReadiness(nowhere.db)).toEqual({ ready: false, database: "unreachable", migrations: "unknown" });
  });
});
