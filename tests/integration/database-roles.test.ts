import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/index";
import { auditLog, units } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { ensureLocalApplicationRole, grantApplicationRole, roleOf } from "@/db/roles";
import { testDb } from "../support/database";

// The application's role, on this file's own database: what the web processes and workers may do.
const owner = testDb();
let app: { db: Db; end(): Promise<void> };

beforeAll(async () => {
  await seedDatabase(owner.db, { now: new Date("2021-11-22T02:00:00Z") });
  const appUrl = await ensureLocalApplicationRole(owner.url);
  await grantApplicationRole(owner.url, roleOf(appUrl));
  const handle = createDb(appUrl, { max: 1 });
  app = { db: handle.db, end: () => handle.client.end() };
});
afterAll(() => app.end());

describe("the application's database role", () => {
  it("reads and writes the portal's tables", async () => {
    const [unit] = await app.db.select().from(units).limit(1);
    await app.db.update(units).set({ name: unit.name }).where(sql`id = ${unit.id}`);
    await app.db.insert(auditLog).values({ action: "test.app_role", outcome: "success" });
    expect(await app.db.$count(auditLog)).toBeGreaterThan(0);
  });

  it("cannot change or remove history, nor switch off what guards it", async () => {
    for (const statement of [
      sql`update audit_log set action = 'x'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
      sql`delete from submission_events`,
      sql`update audit_chain_head set seq = 0`,
      sql`alter table audit_log disable trigger audit_log_append_only`,
      sql`alter table audit_log disable trigger audit_log_chain`,
      sql`drop trigger audit_log_chain on audit_log`,
      sql`alter table units add column x int`,
    ]) {
      expect(await refusal(statement)).toMatch(/permission denied|must be owner/);
    }
  });
});

/** PostgreSQL's own words for a refused statement (drizzle wraps them as the error's cause). */
async function refusal(statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await app.db.execute(statement);
    return "executed";
  } catch (error) {
    const { cause, message } = error as { cause?: { message?: string }; message: string };
    return cause?.message ?? message;
  }
}
