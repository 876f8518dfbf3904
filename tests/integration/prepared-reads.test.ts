// A hot read prepared on its connection (db/rows.ts queryPreparedRows) answers as queryRows does, and stays prepared, so
// that PostgreSQL does not plan it again on every call (the province dashboard planned its statement as long as it ran it).
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "@/db/index";
import { col, queryPreparedRows, queryRows } from "@/db/rows";
import { createTestDatabase } from "../support/database";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe("a prepared read", () => {
  it("parses its rows as queryRows does, and leaves its statement prepared on the connection", async () => {
    const database = await createTestDatabase();
    // One connection, so that the statements seen are this read's.
    const { db, client } = createDb(database.url, { max: 1 });
    cleanup = async () => {
      await client.end();
      await database.drop();
    };
    const read = (n: number) => sql`select ${n}::int + 1 as next, now() as at, 'x' || ${String(n)} as label`;
    const row = { next: col.int, at: col.instant, label: col.text };
    const prepared = await queryPreparedRows(db, row, read(41));
    expect(prepared).toEqual([{ next: 42, at: expect.any(Date), label: "x41" }]);
    expect((await queryPreparedRows(db, row, read(1)))[0]).toMatchObject({ next: 2, label: "x1" });
    const plain = await queryRows(db, row, read(41));
    const shown = (rows: { next: number; label: string }[]) => rows.map((r) => [r.next, r.label]);
    expect(shown(prepared)).toEqual(shown(plain));
    const statements = await queryRows(db, { statement: col.text }, sql`select statement from pg_prepared_statements`);
    expect(statements.filter((s) => s.statement.startsWith("select $1::int + 1 as next"))).toHaveLength(1);
  });
});
