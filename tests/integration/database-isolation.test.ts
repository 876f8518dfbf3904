import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { createDb } from "@/db/index";
import { auditLog } from "@/db/schema";
import { createTestDatabase, testDb } from "../support/database";

describe("test database", () => {
  test("has the migrated schema", async () => {
    const { db } = testDb();
    const rows = await db.execute<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const tables = rows.map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining(["units", "users", "audit_log", "submissions"]));
  });

  test("is isolated from other test databases, and audit_log is append-only", async () => {
    const { db } = testDb();
    await db.insert(auditLog).values({ action: "test.isolation", outcome: "success" });

    const other = await createTestDatabase();
    const otherDb = createDb(other.url, { max: 1 });
    try {
      expect(await otherDb.db.$count(auditLog)).toBe(0);
    } finally {
      await otherDb.client.end();
      await other.drop();
    }
    expect(await db.$count(auditLog)).toBe(1);

    // The trigger raises insufficient_privilege (42501); drizzle wraps the driver's error as `cause`.
    const refused = { cause: expect.objectContaining({ code: "42501" }) };
    await expect(db.execute(sql`UPDATE audit_log SET action = 'rewritten'`)).rejects.toMatchObject(refused);
    await expect(db.execute(sql`DELETE FROM audit_log`)).rejects.toMatchObject(refused);
    expect(await db.$count(auditLog)).toBe(1);
  });
});
