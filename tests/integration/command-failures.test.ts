import type { AuditAction } from "@/lib/core/audit-actions";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db, Tx } from "@/db/index";
import { units, users } from "@/db/schema";
import { defineCommand } from "@/lib/core/command";
import { DomainError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { CONCURRENT_CHANGE_MESSAGE, DUPLICATE_MESSAGES, UNAVAILABLE_MESSAGE } from "@/lib/core/database-errors";
import { actorFor, auditOf, CHANGAN, CITY_EMAIL, freshSeededDatabaseEachTest, run, SHIJIAZHUANG, TANGSHAN, unitByCode } from "../support/actors";

const world = freshSeededDatabaseEachTest();
let logged: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  logged = vi.spyOn(log, "error").mockImplementation(() => {});
});
afterEach(() => logged.mockRestore());

const MARK = "（本命令写入）";

/** Renames 长安区教育局: the write a refused command makes first, to show that nothing of it remains. */
const mark = (tx: Tx) => tx.update(units).set({ name: sql`${units.name} || ${MARK}` }).where(eq(units.code, CHANGAN));

/** A test command running `body`, which is told the how-manieth run this is. */
function command(name: string, body: (tx: Tx, attempt: number) => Promise<unknown>) {
  let attempts = 0;
  const definition = defineCommand({
    // Test-only commands: their names are no real action's.
    name: name as AuditAction,
    permission: "roster.fill",
    input: z.object({}),
    run: async ({ tx, target }) => {
      target("unit", CHANGAN);
      await body(tx, ++attempts);
    },
  });
  return { definition, attempts: () => attempts };
}

async function changanName(db: Db) {
  return (await unitByCode(db, CHANGAN)).name;
}

describe("a command the database refuses", () => {
  it("a unique violation: says what the constraint means, audits the SQLSTATE and constraint, writes nothing", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const changan = await unitByCode(db, CHANGAN);
    const usersBefore = await db.$count(users);
    const { definition } = command("test.duplicate", async (tx) => {
      await mark(tx);
      await tx.insert(users).values({ email: CITY_EMAIL, name: "重名", role: "city_officer", unitId: changan.id, status: "invited" });
    });

    expect(await run(db, definition, {}, actor)).toEqual({ ok: false, formError: DUPLICATE_MESSAGES.users_email_key });
    expect(await db.$count(users)).toBe(usersBefore);
    expect(await changanName(db)).toBe(changan.name);
    expect(await auditOf(db, "test.duplicate")).toMatchObject([
      { outcome: "rejected", targetType: "unit", targetId: CHANGAN, detail: { reason: "duplicate", sqlstate: "23505", constraint: "users_email_key", attempts: 1 } },
    ]);
    // A known constraint is an ordinary race, not something for the log.
    expect(logged).not.toHaveBeenCalled();
  });

  /**
   * A real serialization failure: under REPEATABLE READ the command reads 唐山, another connection
   * renames it and commits, and the command's own update of it fails with 40001.
   */
  function renamedMeanwhile(db: Db, failures: number) {
    return command("test.serialization", async (tx, attempt) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      await tx.select().from(units).where(eq(units.code, TANGSHAN));
      await mark(tx);
      if (attempt <= failures) await db.update(units).set({ name: `唐山市教育局（他人修改 ${attempt}）` }).where(eq(units.code, TANGSHAN));
      await tx.update(units).set({ name: "唐山市教育局（本命令修改）" }).where(eq(units.code, TANGSHAN));
    });
  }

  it("a serialization failure is run again once, and the second run is what is saved", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const before = await changanName(db);
    const { definition, attempts } = renamedMeanwhile(db, 1);

    expect(await run(db, definition, {}, actor)).toEqual({ ok: true, data: undefined });
    expect(attempts()).toBe(2);
    expect((await unitByCode(db, TANGSHAN)).name).toBe("唐山市教育局（本命令修改）");
    expect(await changanName(db)).toBe(before + MARK);
    expect(await auditOf(db, "test.serialization")).toMatchObject([{ outcome: "success" }]);
    expect(logged).not.toHaveBeenCalled();
  });

  it("a serialization failure that happens again is refused with what to do, audited and logged, and writes nothing", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const before = await changanName(db);
    const { definition, attempts } = renamedMeanwhile(db, 2);

    expect(await run(db, definition, {}, actor)).toEqual({ ok: false, formError: CONCURRENT_CHANGE_MESSAGE });
    expect(attempts()).toBe(2);
    expect((await unitByCode(db, TANGSHAN)).name).toBe("唐山市教育局（他人修改 2）");
    expect(await changanName(db)).toBe(before);
    expect(await auditOf(db, "test.serialization")).toMatchObject([{ outcome: "rejected", detail: { reason: "concurrent_change", sqlstate: "40001", attempts: 2 } }]);
    expect(logged).toHaveBeenCalledOnce();
  });

  it("a deadlock between two commands: the one PostgreSQL aborts is run again, and both are saved", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const [shijiazhuang, tangshan] = [await unitByCode(db, SHIJIAZHUANG), await unitByCode(db, TANGSHAN)];
    // Each locks one unit, waits until the other holds its own, then wants the other's: a real deadlock (40P01).
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    let holding = 0;
    const crosswise = (name: string, first: number, second: number) =>
      command(name, async (tx, attempt) => {
        await tx.update(units).set({ name: sql`${units.name} || '·'` }).where(eq(units.id, first));
        if (attempt === 1) {
          if (++holding === 2) release();
          await bothHoldOne;
        }
        await tx.update(units).set({ name: sql`${units.name} || '·'` }).where(eq(units.id, second));
      });
    const one = crosswise("test.deadlock.one", shijiazhuang.id, tangshan.id);
    const other = crosswise("test.deadlock.other", tangshan.id, shijiazhuang.id);

    const results = await Promise.all([run(db, one.definition, {}, actor), run(db, other.definition, {}, actor)]);
    expect(results).toEqual([
      { ok: true, data: undefined },
      { ok: true, data: undefined },
    ]);
    expect(one.attempts() + other.attempts()).toBe(3);
    expect((await unitByCode(db, SHIJIAZHUANG)).name).toBe(`${shijiazhuang.name}··`);
    expect((await unitByCode(db, TANGSHAN)).name).toBe(`${tangshan.name}··`);
    expect([...(await auditOf(db, "test.deadlock.one")), ...(await auditOf(db, "test.deadlock.other"))].map((a) => a.outcome)).toEqual(["success", "success"]);
  });

  it.each([
    ["an error in the code", () => Promise.reject(new Error("boom")), undefined],
    ["a database error no sentence fits", (tx: Tx) => tx.execute(sql`select 1 / 0`), "22012"],
  ])("%s: a general sentence, never the error's own text; audited and logged, nothing written", async (_, body, sqlstate) => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const before = await changanName(db);
    const { definition } = command("test.unexpected", async (tx) => {
      await mark(tx);
      await body(tx);
    });

    expect(await run(db, definition, {}, actor)).toEqual({ ok: false, formError: UNAVAILABLE_MESSAGE });
    expect(await changanName(db)).toBe(before);
    const [audit] = await auditOf(db, "test.unexpected");
    expect(audit).toMatchObject({ outcome: "rejected", detail: { reason: "error", attempts: 1 } });
    expect((audit.detail as { sqlstate?: string }).sqlstate).toBe(sqlstate);
    expect(logged).toHaveBeenCalledOnce();
  });
});

describe("a command that refuses its input", () => {
  it("told beside a field: the audit row keeps the sentence the person saw", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const { definition } = command("test.field_refusal", async () => {
      throw new DomainError("", { fieldErrors: { deadlineDate: "截止时间：不能早于当前时间，请重新选择" } });
    });

    expect(await run(db, definition, {}, actor)).toEqual({ ok: false, fieldErrors: { deadlineDate: "截止时间：不能早于当前时间，请重新选择" } });
    expect(await auditOf(db, "test.field_refusal")).toMatchObject([{ outcome: "rejected", detail: { message: "截止时间：不能早于当前时间，请重新选择" } }]);
  });
});
