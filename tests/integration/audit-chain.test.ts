import type { AuditAction } from "@/lib/core/audit-actions";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/index";
import { auditLog } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify";
import { recordAudit, recordAudits } from "@/lib/core/audit";
import { createTestDatabase } from "../support/database";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A migrated database of the test's own, holding `rows` audit rows written through recordAudit. */
async function auditedDatabase(rows: number): Promise<{ db: Db; url: string }> {
  const database = await createTestDatabase();
  const handle = createDb(database.url, { max: 8 });
  cleanups.push(async () => {
    await handle.client.end();
    await database.drop();
  });
  for (let i = 0; i < rows; i++) await recordAudit(handle.db, { action: "test.write" as AuditAction, outcome: "success", detail: { i, 说明: "第" + i + "条" } });
  return { db: handle.db, url: database.url };
}

/** What only the database owner could do: change history behind the triggers' back. */
async function asOwnerBehindTriggers(db: Db, change: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(change);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

function verifyCli(url: string) {
  const run = spawnSync(process.execPath, [fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url)), "db/cli/audit-verify.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe("the audit log's hash chain", () => {
  it("chains every row in the order written, concurrent writers included", async () => {
    const { db, url } = await auditedDatabase(5);
    await Promise.all(Array.from({ length: 30 }, (_, i) => db.transaction((tx) => recordAudit(tx, { action: "test.concurrent" as AuditAction, outcome: "success", detail: { i } }))));
    const seqs = (await db.select({ seq: auditLog.seq }).from(auditLog)).map((r) => r.seq).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(seqs).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db)).toEqual({ intact: true, rows: 35 });
    const cli = verifyCli(url);
    expect(cli).toMatchObject({ status: 0 });
    expect(cli.out).toContain("Audit log intact: 35 rows");
  });

  it("chains many rows written by one statement, and the statements after it, while other transactions write too", async () => {
    const { db } = await auditedDatabase(5);
    const rows = (n: number, writer: number) => Array.from({ length: n }, (_, i) => ({ action: "test.bulk" as AuditAction, outcome: "success" as const, detail: { writer, i } }));
    await Promise.all(
      [1, 2, 3, 4].map((writer) =>
        db.transaction(async (tx) => {
          await recordAudits(tx, rows(1500, writer));
          await recordAudit(tx, { action: "test.after" as AuditAction, outcome: "success", detail: { writer } });
        }),
      ),
    );
    const seqs = (await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(auditLog.seq)).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 5 + 4 * 1501 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db)).toEqual({ intact: true, rows: 5 + 4 * 1501 });
  });

  it("finds a row that was changed, and the CLI exits 1 naming it", async () => {
    const { db, url } = await auditedDatabase(10);
    await asOwnerBehindTriggers(db, sql`update audit_log set detail = '{"i": 99}' where seq = 4`);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: false, seq: 4, problem: expect.stringContaining("changed") });
    const cli = verifyCli(url);
    expect(cli.status).toBe(1);
    expect(cli.out).toContain("row seq 4");
  });

  it("finds a row removed from the middle, a row whose hash was recomputed, and rows cut off the end", async () => {
    const middle = await auditedDatabase(10);
    await asOwnerBehindTriggers(middle.db, sql`delete from audit_log where seq = 6`);
    expect(await verifyAuditChain(middle.db)).toMatchObject({ intact: false, seq: 7, problem: expect.stringContaining("missing") });

    const rehashed = await auditedDatabase(10);
    // Changed, and its own hash recomputed to match: the next row no longer follows it.
    await asOwnerBehindTriggers(rehashed.db, sql`update audit_log set detail = '{"i": 99}' where seq = 3`);
    await asOwnerBehindTriggers(rehashed.db, sql`update audit_log set hash = encode(sha256(convert_to((select hash from audit_log where seq = 2) || audit_log_canonical(audit_log), 'UTF8')), 'hex') where seq = 3`);
    expect(await verifyAuditChain(rehashed.db)).toMatchObject({ intact: false, seq: 4 });

    const tail = await auditedDatabase(10);
    await asOwnerBehindTriggers(tail.db, sql`delete from audit_log where seq > 8`);
    expect(await verifyAuditChain(tail.db)).toMatchObject({ intact: false, seq: null, problem: expect.stringContaining("last rows") });
  });
});
