import { randomUUID } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { z } from "zod";
import { afterEach, beforeEach } from "vitest";
import { createDb, type Db } from "@/db/index";
import { auditLog, rosterEntries, type Role, submissionEvents, submissions, submissionScans, units, users } from "@/db/schema";
import { DEMO_LOGINS, seedDatabase } from "@/db/seed";
import type { Actor } from "@/lib/core/actor";
import { type ActionResult } from "@/lib/core/errors";
import { type Command, executeCommand } from "@/lib/core/command";
import { saveHeaderCommand, saveRowCommand, uploadScanCommand } from "@/lib/roster/commands";
import { getCompleteWorkspaceForActor, maskedForReader, type RosterRow } from "@/lib/roster/queries";
import { readTableView } from "@/lib/roster/paging";
import { createTestDatabase } from "./database";

/** A fixed clock: Monday 2025-03-03 10:00 Beijing time. The seed puts the deadline 4 days later at 17:00. */
export const NOW = new Date("2025-03-03T10:00:00+08:00");
export const DEADLINE = new Date("2025-03-07T17:00:00+08:00");

export const SHIJIAZHUANG = "1301";
export const TANGSHAN = "1302";
export const CHANGAN = "130102";

const demoEmail = (role: Role) => DEMO_LOGINS.find((l) => l.role === role)!.email;
export const CITY_EMAIL = demoEmail("city_officer");
export const COUNTY_EMAIL = demoEmail("county_officer");
export const REVIEWER_EMAIL = demoEmail("province_reviewer");
/** Added by the fixture, not the seed: a second filler at 石家庄, and 唐山's filler. */
export const CITY_COLLEAGUE_EMAIL = "sjz-second@test.baosong.cn";
export const TANGSHAN_EMAIL = "tangshan@test.baosong.cn";

/**
 * Every test gets its own freshly seeded database (submission_events and audit_log are append-only,
 * so state cannot be reset in place). Read `.db` inside tests and hooks.
 */
export function freshSeededDatabaseEachTest(): { readonly db: Db } {
  let current: { db: Db; end(): Promise<void> } | undefined;
  beforeEach(async () => {
    const database = await createTestDatabase();
    const { db, client } = createDb(database.url, { max: 4 });
    current = {
      db,
      end: async () => {
        await client.end();
        await database.drop();
      },
    };
    await seedDatabase(db, { now: NOW });
    await addUser(db, { email: CITY_COLLEAGUE_EMAIL, name: "王建国", role: "city_officer", unitCode: SHIJIAZHUANG });
    await addUser(db, { email: TANGSHAN_EMAIL, name: "孙丽", role: "city_officer", unitCode: TANGSHAN });
  });
  afterEach(async () => {
    await current?.end();
    current = undefined;
  });
  return {
    get db() {
      if (!current) throw new Error("freshSeededDatabaseEachTest: no database outside a test");
      return current.db;
    },
  };
}

async function addUser(db: Db, user: { email: string; name: string; role: Role; unitCode: string }): Promise<void> {
  const unit = await unitByCode(db, user.unitCode);
  await db.insert(users).values({ email: user.email, name: user.name, role: user.role, unitId: unit.id, status: "invited" });
}

/** The actor a signed-in seeded user would be. */
export async function actorFor(db: Db, email: string): Promise<Actor> {
  const [row] = await db
    .select({ user: users, unit: { name: units.name, kind: units.kind } })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return {
    userId: row.user.id,
    sessionId: randomUUID(),
    name: row.user.name,
    email: row.user.email,
    role: row.user.role,
    unitId: row.user.unitId,
    unitName: row.unit.name,
    unitKind: row.unit.kind,
  };
}

export async function unitByCode(db: Db, code: string) {
  const [unit] = await db.select().from(units).where(eq(units.code, code));
  if (!unit) throw new Error(`no unit ${code}`);
  return unit;
}

/** The seeded campaign's submission of the reporting unit with this code. */
export async function submissionOf(db: Db, unitCode: string) {
  const unit = await unitByCode(db, unitCode);
  const [submission] = await db.select().from(submissions).where(eq(submissions.unitId, unit.id));
  if (!submission) throw new Error(`no submission for ${unitCode}`);
  return submission;
}

export async function submissionById(db: Db, id: number) {
  const [submission] = await db.select().from(submissions).where(eq(submissions.id, id));
  return submission;
}

export function run<S extends z.ZodType, R>(db: Db, command: Command<S, R>, input: unknown, actor: Actor, now: Date = NOW): Promise<ActionResult<R>> {
  return executeCommand(command, input, { db, actor, ip: "127.0.0.1", now });
}

/** The data of a successful result; fails the test with the refusal otherwise. */
export function dataOf<R>(result: ActionResult<R>): R {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.data;
}

/** A valid row of the table; override what the test is about. */
export function rowInput(submissionId: number, unitId: number, overrides: Record<string, unknown> = {}) {
  return { submissionId, unitId, expectedVersion: null, name: "王伟", position: "信息中心主任", phone: "13800138000", email: "wangwei@example.com", ...overrides };
}

/** The table page's first page, as a page without search or filter asks for it. */
export const FIRST_PAGE = readTableView({});

/** Every row of the table as `actor` reads it, masked as the table page masks them (which shows them 100 a page). */
export async function tableRowsOf(db: Db, actor: Actor, submissionId: number): Promise<RosterRow[]> {
  const workspace = await getCompleteWorkspaceForActor({ db, actor, submissionId });
  return maskedForReader(actor, workspace!).rows;
}

/** Saves a valid row for every unit of the actor's table that has none yet; schools get their registry code. Returns the table's row count. */
export async function fillEveryRow(db: Db, actor: Actor, submissionId: number, emailPrefix = "admin"): Promise<number> {
  const rows = await tableRowsOf(db, actor, submissionId);
  for (const [i, row] of rows.entries()) {
    if (row.entry) continue;
    const schoolCode = row.unitKind === "school" || row.unitKind === "college" ? row.registrySchoolCode! : "";
    dataOf(await run(db, saveRowCommand, rowInput(submissionId, row.unitId, { email: `${emailPrefix}${i}@example.com`, schoolCode }), actor));
  }
  return rows.length;
}

export async function saveHeader(db: Db, actor: Actor, submissionId: number, now = NOW): Promise<number> {
  const { version } = await submissionById(db, submissionId);
  return dataOf(await run(db, saveHeaderCommand, { submissionId, expectedVersion: version, fillerName: "刘海燕", fillerPhone: "0311-66005705" }, actor, now)).version;
}

export async function uploadScan(db: Db, actor: Actor, submissionId: number): Promise<number> {
  const { version } = await submissionById(db, submissionId);
  return dataOf(await run(db, uploadScanCommand, { submissionId, expectedVersion: version, file: fileOf(PDF_BYTES, "盖章表.pdf") }, actor)).version;
}

/** Counts of everything a roster command can write. */
export async function writeCounts(db: Db) {
  return {
    entries: await db.$count(rosterEntries),
    events: await db.$count(submissionEvents),
    scans: await db.$count(submissionScans),
    submissions: (await db.select({ v: sql<string>`string_agg(id || ':' || version || ':' || status, ',' order by id)` }).from(submissions))[0].v,
  };
}

/** The newest audit row of `action`, or all rows of it after the id `after`. */
export async function auditOf(db: Db, action: string, after = 0) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), gt(auditLog.id, after)))
    .orderBy(auditLog.id);
}

export async function lastAuditId(db: Db): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
  return row.id;
}

/** File bytes as the browser would send them. */
export function fileOf(bytes: Uint8Array | Buffer, name: string, type = "application/octet-stream"): File {
  return new File([new Uint8Array(bytes)], name, { type });
}

export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 7)]);
export const PDF_BYTES = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
export const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
/** A Windows executable's header (MZ … PE). */
export const EXE_BYTES = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from("PE\0\0")]);
