import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { rosterEntries, submissions, submissionSnapshots } from "@/db/schema";
import { getReviewForActor } from "@/lib/review/queries";
import { saveRowCommand } from "@/lib/roster/commands";
import { readTableView } from "@/lib/roster/paging";
import { getWorkspaceForActor } from "@/lib/roster/queries";
import { submitCommand } from "@/lib/submissions/commands";
import { NOT_EDITABLE_MESSAGE } from "@/lib/submissions/workflow";
import { actorFor, CITY_COLLEAGUE_EMAIL, CITY_EMAIL, dataOf, fillEveryRow, freshSeededDatabaseEachTest, NOW, REVIEWER_EMAIL, rowInput, run, saveHeader, SHIJIAZHUANG, submissionById, submissionOf, tableRowsOf, unitByCode, uploadScan } from "../support/actors";

const world = freshSeededDatabaseEachTest();

async function entryOf(db: Db, campaignId: number, unitId: number) {
  const [entry] = await db.select().from(rosterEntries).where(and(eq(rosterEntries.campaignId, campaignId), eq(rosterEntries.unitId, unitId)));
  return entry;
}

/** Resolves once `count` statements of this database wait for a lock. */
async function lockWaiters(db: Db, count: number): Promise<void> {
  for (;;) {
    const [{ waiting }] = await db.execute<{ waiting: number }>(
      sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Holds a row lock of `roster_entries` on a connection of its own, as a writer in the middle of its
 * transaction would, until `release` is called: whatever needs that row waits on it, keeping the locks
 * it already took.
 */
async function holdEntry(db: Db, entryId: number): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = db.transaction(async (tx) => {
    await tx.execute(sql`select id from roster_entries where id = ${entryId} for update`);
    locked();
    await released;
  });
  await isLocked;
  return {
    release: async () => {
      release();
      await done;
    },
  };
}

/** 石家庄's table, filled and ready to submit. */
async function readyTable(db: Db) {
  const actor = await actorFor(db, CITY_EMAIL);
  const submission = await submissionOf(db, SHIJIAZHUANG);
  await fillEveryRow(db, actor, submission.id);
  await saveHeader(db, actor, submission.id);
  await uploadScan(db, actor, submission.id);
  const bureau = await unitByCode(db, SHIJIAZHUANG);
  const county = await unitByCode(db, "130102");
  return { actor, submission: await submissionById(db, submission.id), bureau, county };
}

describe("row saves and the submission lock", () => {
  it("refuses a save that waited on a submit: the table is submitted when it gets the lock, and its row is not written", async () => {
    const { db } = world;
    const { actor, submission, bureau, county } = await readyTable(db);
    const before = await entryOf(db, submission.campaignId, bureau.id);

    // The submit stops inside its transaction, holding the submission, when it clears the rows' 退回 reasons.
    const held = await holdEntry(db, (await entryOf(db, submission.campaignId, county.id)).id);
    const submitting = run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor);
    await lockWaiters(db, 1);
    const saving = run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: before.version, name: "赵敏" }), actor);
    await lockWaiters(db, 2);
    await held.release();

    const [submitted, saved] = await Promise.all([submitting, saving]);
    expect(submitted.ok).toBe(true);
    expect(saved).toEqual({ ok: false, formError: NOT_EDITABLE_MESSAGE });
    expect(await entryOf(db, submission.campaignId, bureau.id)).toMatchObject({ name: before.name, version: before.version });
    expect((await submissionById(db, submission.id)).status).toBe("submitted");
  });

  it("makes a submit wait for a save in flight, so it judges the table with the saved row (whose change outdates the scan)", async () => {
    const { db } = world;
    const { actor, submission, bureau } = await readyTable(db);
    const before = await entryOf(db, submission.campaignId, bureau.id);

    // The save stops inside its transaction, sharing the submission, when it locks its row.
    const held = await holdEntry(db, before.id);
    const saving = run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: before.version, name: "赵敏" }), actor);
    await lockWaiters(db, 1);
    const submitting = run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor);
    await lockWaiters(db, 2);
    await held.release();

    const [saved, submitted] = await Promise.all([saving, submitting]);
    expect(dataOf(saved)).toMatchObject({ version: before.version + 1 });
    // Had it not waited, it would have submitted the old row under a scan that no longer shows the table.
    expect(submitted).toEqual({ ok: false, formError: "暂不能提交：扫描件已过期：表格在上传后有修改，请重新打印盖章上传。" });
    expect(await db.$count(submissionSnapshots, eq(submissionSnapshots.submissionId, submission.id))).toBe(0);
  });

  it("lets saves of two rows of one table run side by side", async () => {
    const { db } = world;
    const { actor, submission, bureau, county } = await readyTable(db);
    const first = await entryOf(db, submission.campaignId, bureau.id);
    const second = await entryOf(db, submission.campaignId, county.id);

    const held = await holdEntry(db, first.id);
    const waiting = run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: first.version, name: "赵敏" }), actor);
    await lockWaiters(db, 1);
    // With the first save still inside its transaction, the second one completes: the submission is only shared.
    const other = await run(db, saveRowCommand, rowInput(submission.id, county.id, { expectedVersion: second.version, name: "钱伟" }), actor);
    expect(dataOf(other)).toMatchObject({ version: second.version + 1, entry: { name: "钱伟" } });
    await held.release();
    expect(dataOf(await waiting)).toMatchObject({ version: first.version + 1, entry: { name: "赵敏" } });
  });

  it("still refuses the second of two edits of one row made from the same version, in Chinese", async () => {
    const { db } = world;
    const { actor, submission, bureau } = await readyTable(db);
    const colleague = await actorFor(db, CITY_COLLEAGUE_EMAIL);
    const before = await entryOf(db, submission.campaignId, bureau.id);

    const held = await holdEntry(db, before.id);
    const saves = [
      run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: before.version, name: "赵敏" }), actor),
      run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: before.version, name: "钱伟" }), colleague),
    ];
    await lockWaiters(db, 2);
    await held.release();

    const results = await Promise.all(saves);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.formError).toMatch(/「石家庄市教育局」这一行已被 .+ 于 .+ 修改，您的输入仍保留在页面上/);
    expect(await entryOf(db, submission.campaignId, bureau.id)).toMatchObject({ version: before.version + 1 });
  });
});

const EXTRA_SCHOOLS = 250;

/** 石家庄 with 250 more schools, so its table runs to several pages. */
async function longTable(db: Db) {
  const actor = await actorFor(db, CITY_EMAIL);
  await db.execute(sql`
    insert into units (code, name, kind, reporting_parent_id, school_code, sort_order)
    select '3613' || lpad(i::text, 6, '0'), '分页示例学校' || (i - 600000), 'school', ${actor.unitId}, '3613' || lpad(i::text, 6, '0'), 1000 + i
    from generate_series(600001, ${600000 + EXTRA_SCHOOLS}) i`);
  const submission = await submissionOf(db, SHIJIAZHUANG);
  const rowsOf = () => tableRowsOf(db, actor, submission.id);
  const pageOf = async (params: Record<string, string>) => (await getWorkspaceForActor({ db, actor, submissionId: submission.id, view: readTableView(params) }))!.table;
  return { actor, submission, rowsOf, pageOf };
}

describe("paging, search and filter of a long table", () => {
  it("shows 100 rows a page, finds a unit by name, person or phone on a later page, and counts each state", async () => {
    const { db } = world;
    const { actor, submission, rowsOf, pageOf } = await longTable(db);
    const late = await unitByCode(db, "3613600240");
    const mismatched = await unitByCode(db, "3613600230");
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, late.id, { name: "赵敏", phone: "13900139000", schoolCode: late.schoolCode }), actor));
    // A code other than the registry's is a warning: the row is 有问题.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, mismatched.id, { email: "other@example.com", schoolCode: "3613699999" }), actor));
    const rows = await rowsOf();
    expect(rows.length).toBeGreaterThan(EXTRA_SCHOOLS);

    const first = await pageOf({});
    expect(first).toMatchObject({ total: rows.length, matched: rows.length, page: 1, pages: Math.ceil(rows.length / 100) });
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]).toMatchObject({ ordinal: 1, unitId: rows[0].unitId });
    // Nothing delegated: every row is the city's own (待分派), and the filter offers no delegation states.
    expect(first.counts).toEqual({ filled: 2, empty: rows.length - 2, flagged: 1, undelegated: rows.length, assigned: 0, submitted: 0, accepted: 0, confirmed: 0, returned: 0 });

    const last = await pageOf({ page: "99" });
    expect(last.page).toBe(last.pages);
    expect(last.rows).toHaveLength(rows.length - (last.pages - 1) * 100);
    expect(last.rows[0].ordinal).toBe((last.pages - 1) * 100 + 1);

    const ordinal = rows.findIndex((r) => r.unitId === late.id) + 1;
    expect(ordinal).toBeGreaterThan(100);
    for (const q of ["分页示例学校240", "赵敏", "139 0013 9000"]) {
      const found = await pageOf({ q });
      expect(found.rows.map((r) => [r.unitId, r.ordinal])).toEqual([[late.id, ordinal]]);
      expect(found).toMatchObject({ matched: 1, pages: 1, total: rows.length });
    }

    expect((await pageOf({ state: "filled" })).rows.map((r) => r.unitId).sort()).toEqual([late.id, mismatched.id].sort());
    expect((await pageOf({ state: "flagged" })).rows.map((r) => r.unitId)).toEqual([mismatched.id]);
    const empty = await pageOf({ state: "empty", q: "分页示例学校24" });
    // 分页示例学校24 and 240–249, less the filled 240.
    expect(empty.matched).toBe(10);
    expect(empty.rows.every((r) => r.entry === null)).toBe(true);
  });

  it("falls back to the first page of everything for parameters it cannot read", () => {
    expect(readTableView({ page: "-3", state: "bogus", q: ["  王伟 ", "x"] })).toEqual({ page: 1, q: "王伟", state: undefined });
  });

  it("pages the review's rows, with a missing row or another unit's account counted as 有问题, and only the changed ones on a resubmission", async () => {
    const { db } = world;
    const { actor, submission, rowsOf } = await longTable(db);
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const unit = await unitByCode(db, "3613600200");
    // Its email is already the account of another unit: the review's duplicates, not a warning of the table.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, unit.id, { schoolCode: unit.schoolCode, email: CITY_EMAIL }), actor));
    await db.update(submissions).set({ status: "submitted", submittedAt: NOW }).where(eq(submissions.id, submission.id));
    const rows = await rowsOf();

    const all = (await getReviewForActor({ db, actor: reviewer, submissionId: submission.id }))!;
    expect(all.table).toMatchObject({ total: rows.length, counts: { filled: 1, empty: rows.length - 1, flagged: rows.length } });
    expect(all.table.rows).toHaveLength(100);
    expect(all.whole).toMatchObject({ total: rows.length, filled: 1 });
    const found = (await getReviewForActor({ db, actor: reviewer, submissionId: submission.id, view: readTableView({ q: unit.name }) }))!;
    expect(found.table.rows.map((r) => r.unitId)).toEqual([unit.id]);
    expect(found.duplicates.get(unit.id)?.account).toEqual([(await unitByCode(db, SHIJIAZHUANG)).name]);

    // A resubmission: two rounds whose rows differ in that unit alone.
    const snapshot = (name: string) => rows.filter((r) => r.entry).map((r) => ({ unitId: r.unitId, unitName: r.unitName, name, position: r.entry!.position, phone: r.entry!.phone, email: r.entry!.email, schoolCode: r.entry!.schoolCode }));
    await db.insert(submissionSnapshots).values([
      { submissionId: submission.id, round: 1, rows: snapshot("王伟"), submittedAt: NOW },
      { submissionId: submission.id, round: 2, rows: snapshot("李娜"), submittedAt: NOW },
    ]);
    const changed = (await getReviewForActor({ db, actor: reviewer, submissionId: submission.id }))!;
    expect(changed.onlyChanges).toBe(true);
    expect(changed.table.rows.map((r) => [r.unitId, r.ordinal])).toEqual([[unit.id, 1]]);
    expect(changed.table).toMatchObject({ total: 1, counts: { filled: 1, empty: 0, flagged: 1 } });
    expect(changed.whole).toMatchObject({ total: rows.length, filled: 1 });
    const every = (await getReviewForActor({ db, actor: reviewer, submissionId: submission.id, all: true }))!;
    expect(every.onlyChanges).toBe(false);
    expect(every.table.total).toBe(rows.length);
  });
});
