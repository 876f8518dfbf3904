import type { AuditAction } from "@/lib/core/audit-actions";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import type { Db } from "@/db/index";
import { auditLog, users } from "@/db/schema";
import { DEMO_LOGINS } from "@/db/seed";
import { exportAuditLog } from "@/lib/audit/export";
import { AUDIT_PAGE_SIZE, getAuditPage } from "@/lib/audit/queries";
import { type AuditEntry, recordAudit } from "@/lib/core/audit";
import { parseAuditFilter } from "@/lib/audit/schemas";
import { disableUserCommand } from "@/lib/users/commands";
import { actorFor, auditOf, CITY_COLLEAGUE_EMAIL, CITY_EMAIL, dataOf, freshSeededDatabaseEachTest, NOW, run, SHIJIAZHUANG, unitByCode } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const demo = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;
const AUDITOR_EMAIL = demo("auditor");
const ADMIN_EMAIL = demo("province_admin");

/** A day far from the seed's own rows: every row of it is written by the test. */
const DAY = "2030-05-20";
const at = (hhmm: string, seconds = 0) => new Date(`${DAY}T${hhmm}:${String(seconds).padStart(2, "0")}+08:00`);

async function userId(db: Db, email: string): Promise<number> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return user.id;
}

async function writeRows(db: Db) {
  const officer = await userId(db, CITY_EMAIL);
  const admin = await userId(db, ADMIN_EMAIL);
  const sjz = (await unitByCode(db, SHIJIAZHUANG)).id;
  const province = (await unitByCode(db, "13")).id;
  const rows: AuditEntry[] = [
    { at: at("08:59"), action: "auth.login", outcome: "success", userId: officer, role: "city_officer", unitId: sjz },
    { at: at("09:00"), action: "roster.save_row", outcome: "success", userId: officer, role: "city_officer", unitId: sjz, targetType: "roster_entry", targetId: 7 },
    { at: at("09:30"), action: "user.invite", outcome: "success", userId: admin, role: "province_admin", unitId: province, targetType: "user", targetId: 41 },
    { at: at("09:45"), action: "user.disable", outcome: "denied", userId: officer, role: "city_officer", unitId: sjz, targetType: "user", targetId: 41 },
    { at: at("10:00", 30), action: "users.legacy" as AuditAction, outcome: "rejected", userId: admin, role: "province_admin", unitId: province },
    { at: at("10:01"), action: "auth.login", outcome: "rejected", detail: { email: "nobody@example.com" } },
  ];
  for (const row of rows) await recordAudit(db, { ...row, ip: "10.0.0.9" });
}

async function search(db: Db, params: Record<string, string>) {
  const page = await getAuditPage({ db, actor: await actorFor(db, AUDITOR_EMAIL), filter: parseAuditFilter({ from: `${DAY}T00:00`, to: `${DAY}T23:59`, ...params }), ip: null, now: NOW });
  return page.rows.map((r) => `${r.action}@${r.at.toISOString()}`);
}

const key = (action: string, hhmm: string, seconds = 0) => `${action}@${at(hhmm, seconds).toISOString()}`;

describe("searching the audit log", () => {
  it("filters by Beijing time range, newest first, the end minute included", async () => {
    const { db } = world;
    await writeRows(db);
    expect(await search(db, { from: `${DAY}T09:00`, to: `${DAY}T10:00` })).toEqual([
      key("users.legacy", "10:00", 30),
      key("user.disable", "09:45"),
      key("user.invite", "09:30"),
      key("roster.save_row", "09:00"),
    ]);
    expect(await search(db, { from: DAY, to: DAY })).toHaveLength(6);
  });

  it("filters by person, unit, action (by its beginning), target and outcome", async () => {
    const { db } = world;
    await writeRows(db);
    expect(await search(db, { user: "刘海燕" })).toEqual([key("user.disable", "09:45"), key("roster.save_row", "09:00"), key("auth.login", "08:59")]);
    expect(await search(db, { user: "admin@demo" })).toEqual([key("users.legacy", "10:00", 30), key("user.invite", "09:30")]);
    expect(await search(db, { unit: "石家庄" })).toEqual([key("user.disable", "09:45"), key("roster.save_row", "09:00"), key("auth.login", "08:59")]);
    expect(await search(db, { unit: "1301" })).toHaveLength(3);
    expect(await search(db, { action: "user." })).toEqual([key("user.disable", "09:45"), key("user.invite", "09:30")]);
    expect(await search(db, { targetType: "user", targetId: "41" })).toEqual([key("user.disable", "09:45"), key("user.invite", "09:30")]);
    expect(await search(db, { outcome: "rejected" })).toEqual([key("auth.login", "10:01"), key("users.legacy", "10:00", 30)]);
    // What a person types is text: a wildcard matches itself only.
    expect(await search(db, { action: "%" })).toEqual([]);
  });

  it("pages through the results", async () => {
    const { db } = world;
    for (let i = 0; i < AUDIT_PAGE_SIZE + 7; i++) await recordAudit(db, { at: new Date(at("12:00").getTime() + i * 1000), action: "test.page" as AuditAction, outcome: "success" });
    const auditor = await actorFor(db, AUDITOR_EMAIL);
    const filter = (page: string) => parseAuditFilter({ action: "test.page", page });
    const second = await getAuditPage({ db, actor: auditor, filter: filter("2"), ip: null, now: NOW });
    expect(second).toMatchObject({ total: AUDIT_PAGE_SIZE + 7, page: 2, pageCount: 2 });
    expect(second.rows).toHaveLength(7);
    expect(second.rows.at(-1)?.at).toEqual(at("12:00"));
    expect((await getAuditPage({ db, actor: auditor, filter: filter("99"), ip: null, now: NOW })).page).toBe(2);
  });

  it("is for the audit administrator only", async () => {
    const { db } = world;
    for (const email of [ADMIN_EMAIL, CITY_EMAIL]) {
      await expect(getAuditPage({ db, actor: await actorFor(db, email), filter: parseAuditFilter({}), ip: null, now: NOW })).rejects.toThrow();
    }
  });

  it("drops a malformed search field instead of failing", () => {
    expect(parseAuditFilter({ from: "yesterday", outcome: "deleted", page: "-3", user: ["张三", "李四"] })).toEqual({ page: 1, user: "张三" });
  });
});

describe("exporting", () => {
  it("writes the search to an .xlsx and records the export, with its search, in the log", async () => {
    const { db } = world;
    await writeRows(db);
    const auditor = await actorFor(db, AUDITOR_EMAIL);
    const now = at("18:00");
    const result = await exportAuditLog({ db, actor: auditor, filter: parseAuditFilter({ from: DAY, to: DAY, user: "刘海燕" }), ip: "10.0.0.1", now });
    if (!result.ok) throw new Error(result.message);
    expect(result.fileName).toBe("审计日志_20300520.xlsx");

    const sheet = XLSX.read(result.content).Sheets["审计日志"];
    const table = XLSX.utils.sheet_to_json<Record<string, string>>(sheet, { raw: false, range: 1 });
    expect(table.map((r) => [r["操作代码"], r["操作人"], r["时间（北京时间）"]])).toEqual([
      ["user.disable", "刘海燕", "2030年5月20日 09:45"],
      ["roster.save_row", "刘海燕", "2030年5月20日 09:00"],
      ["auth.login", "刘海燕", "2030年5月20日 08:59"],
    ]);

    const [exported] = await auditOf(db, "audit.export");
    expect(exported).toMatchObject({ outcome: "success", userId: auditor.userId, role: "auditor", ip: "10.0.0.1", at: now, detail: { rows: 3, search: { from: DAY, to: DAY, user: "刘海燕" } } });
    expect(await search(db, { action: "audit." })).toEqual([key("audit.export", "18:00")]);
  });
});

describe("the log cannot be rewritten", () => {
  it("refuses UPDATE, DELETE and TRUNCATE through the application's database connection, however old the rows", async () => {
    const { db } = world;
    const actor = await actorFor(db, ADMIN_EMAIL);
    const colleague = await userId(db, CITY_COLLEAGUE_EMAIL);
    dataOf(await run(db, disableUserCommand, { userId: colleague }, actor));
    await recordAudit(db, { at: new Date("2020-01-01T00:00:00Z"), action: "auth.login", outcome: "success" });
    const before = await db.select().from(auditLog).orderBy(auditLog.id);
    const [row] = await auditOf(db, "user.disable");

    const refused = { cause: expect.objectContaining({ code: "42501" }) };
    await expect(db.update(auditLog).set({ outcome: "denied" }).where(eq(auditLog.id, row.id))).rejects.toMatchObject(refused);
    await expect(db.delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toMatchObject(refused);
    await expect(db.execute(sql`delete from audit_log where at < now() - interval '6 months'`)).rejects.toMatchObject(refused);
    await expect(db.execute(sql`truncate audit_log`)).rejects.toMatchObject(refused);
    expect(await db.select().from(auditLog).orderBy(auditLog.id)).toEqual(before);
  });
});
