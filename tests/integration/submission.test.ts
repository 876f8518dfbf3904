import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import type { Actor } from "@/lib/core/actor";
import { campaigns, rosterEntries, submissionEvents, submissions } from "@/db/schema";
import { saveHeaderCommand, saveRowCommand, uploadScanCommand } from "@/lib/roster/commands";
import { getEventsBySubmission, getWorkspaceForActor } from "@/lib/roster/queries";
import { submitCommand, withdrawCommand } from "@/lib/submissions/commands";
import { formatDateTime } from "@/lib/time";
import { actorFor, auditOf, CITY_COLLEAGUE_EMAIL, CITY_EMAIL, dataOf, DEADLINE, fileOf, fillEveryRow, FIRST_PAGE, freshSeededDatabaseEachTest, NOW, PDF_BYTES, rowInput, run, saveHeader, SHIJIAZHUANG, submissionById, submissionOf, unitByCode, uploadScan, writeCounts } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const HOUR = 60 * 60 * 1000;
const CLOSED_MESSAGE = "本任务已结束，不再接受提交或修改。";

/** A 石家庄 submission with every row, the header and the scan: ready to submit. */
async function readySubmission(db: Db) {
  const actor = await actorFor(db, CITY_EMAIL);
  const { id } = await submissionOf(db, SHIJIAZHUANG);
  await fillEveryRow(db, actor, id);
  await saveHeader(db, actor, id);
  await uploadScan(db, actor, id);
  return { actor, submission: await submissionById(db, id) };
}

const submittedEvents = (db: Db, submissionId: number) =>
  db.$count(submissionEvents, and(eq(submissionEvents.submissionId, submissionId), eq(submissionEvents.action, "submitted")));

describe("submit", () => {
  it("is refused while rows, the filler or the scan are missing, saying what is missing and changing nothing", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const { id } = await submissionOf(db, SHIJIAZHUANG);

    const attempt = async () => {
      const before = await submissionById(db, id);
      const result = await run(db, submitCommand, { submissionId: id, expectedVersion: before.version }, actor);
      expect(result.ok).toBe(false);
      expect(await submissionById(db, id)).toEqual(before);
      expect(await submittedEvents(db, id)).toBe(0);
      return result.ok ? "" : (result.formError ?? "");
    };

    const rowCount = (await getWorkspaceForActor({ db, actor, submissionId: id, view: FIRST_PAGE }))!.table.rows.length;
    const empty = await attempt();
    expect(empty).toContain(`还有 ${rowCount} 个单位的管理员信息未填写完整`);
    expect(empty).toContain("请填写填报人");
    expect(empty).toContain("请填写填报人联系电话");
    expect(empty).toContain("请上传盖章后的扫描件");

    // One row short.
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    await fillEveryRow(db, actor, id);
    const [lastRow] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, bureau.id));
    await db.delete(rosterEntries).where(eq(rosterEntries.id, lastRow.id));
    expect(await attempt()).toContain("还有 1 个单位的管理员信息未填写完整");
    dataOf(await run(db, saveRowCommand, rowInput(id, bureau.id, { email: "bureau@example.com" }), actor));

    const rowsDone = await attempt();
    expect(rowsDone).not.toContain("未填写完整");
    expect(rowsDone).toContain("请填写填报人");
    expect(rowsDone).toContain("请上传盖章后的扫描件");

    await saveHeader(db, actor, id);
    const headerDone = await attempt();
    expect(headerDone).not.toContain("填报人");
    expect(headerDone).toContain("请上传盖章后的扫描件");

    const [audit] = (await auditOf(db, "submission.submit")).slice(-1);
    expect(audit).toMatchObject({ outcome: "rejected", userId: actor.userId });
    expect(await db.$count(submissions, eq(submissions.status, "submitted"))).toBe(0);
  });

  it("freezes a complete table, records the time, and refuses a second submit", async () => {
    const { db } = world;
    const { actor, submission } = await readySubmission(db);

    const result = await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor);
    expect(dataOf(result)).toEqual({ version: submission.version + 1, late: false });
    expect(await submissionById(db, submission.id)).toMatchObject({ status: "submitted", submittedAt: NOW, late: false, version: submission.version + 1, updatedBy: actor.userId });

    // A double click: the same request again, a second later.
    const again = await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor, new Date(NOW.getTime() + 1000));
    expect(again).toEqual({ ok: false, formError: `该报送已由您本人于 ${formatDateTime(NOW)} 提交，您的操作未执行。请刷新页面查看最新状态。` });
    expect(await submissionById(db, submission.id)).toMatchObject({ status: "submitted", submittedAt: NOW, version: submission.version + 1 });
    expect(await submittedEvents(db, submission.id)).toBe(1);
    expect((await auditOf(db, "submission.submit")).map((a) => a.outcome)).toEqual(["success", "rejected"]);
  });

  it("accepts a submission after the deadline and marks it late, but not one at the deadline", async () => {
    const { db } = world;
    const { actor, submission } = await readySubmission(db);
    expect((await db.select({ deadline: campaigns.deadline }).from(campaigns))[0].deadline).toEqual(DEADLINE);

    const onTime = dataOf(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor, DEADLINE));
    expect(onTime.late).toBe(false);
    const withdrawn = dataOf(await run(db, withdrawCommand, { submissionId: submission.id, expectedVersion: onTime.version }, actor, DEADLINE));

    const after = new Date(DEADLINE.getTime() + 60 * 1000);
    const late = await run(db, submitCommand, { submissionId: submission.id, expectedVersion: withdrawn.version }, actor, after);
    expect(dataOf(late).late).toBe(true);
    expect(await submissionById(db, submission.id)).toMatchObject({ status: "submitted", submittedAt: after, late: true });
    const [event] = await db.select().from(submissionEvents).where(eq(submissionEvents.action, "submitted")).orderBy(submissionEvents.id).offset(1);
    expect(event).toMatchObject({ at: after, detail: { late: true } });
  });

  it("leaves the table frozen after submitting", async () => {
    const { db } = world;
    const { actor, submission } = await readySubmission(db);
    const { version } = dataOf(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor));
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const [entry] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, bureau.id));
    const before = await writeCounts(db);

    const row = await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: entry.version, name: "赵六" }), actor);
    expect(row).toMatchObject({ ok: false, formError: expect.stringContaining("不能修改") });
    const header = await run(db, saveHeaderCommand, { submissionId: submission.id, expectedVersion: version, fillerName: "赵六", fillerPhone: "13800138000" }, actor);
    expect(header).toMatchObject({ ok: false, formError: expect.stringContaining("不能修改") });
    const scan = await run(db, uploadScanCommand, { submissionId: submission.id, expectedVersion: version, file: fileOf(PDF_BYTES, "new.pdf") }, actor);
    expect(scan).toMatchObject({ ok: false, formError: expect.stringContaining("不能修改") });

    expect(await writeCounts(db)).toEqual(before);
    const [after] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, bureau.id));
    expect(after).toEqual(entry);
    expect((await submissionById(db, submission.id)).fillerName).toBe("刘海燕");
  });

  it("racing a colleague's 「提交」 is told who submitted and when, and changes nothing", async () => {
    const { db } = world;
    const { actor, submission } = await readySubmission(db);
    const wang = await actorFor(db, CITY_COLLEAGUE_EMAIL);
    const later = new Date(NOW.getTime() + HOUR);
    dataOf(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, wang, later));
    const before = await submissionById(db, submission.id);

    const result = await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor, new Date(later.getTime() + HOUR));
    expect(result).toEqual({ ok: false, formError: `该报送已由 市级填报员 王建国 于 ${formatDateTime(later)} 提交，您的操作未执行。请刷新页面查看最新状态。` });
    expect(await submissionById(db, submission.id)).toEqual(before);
    expect(await submittedEvents(db, submission.id)).toBe(1);
  });

  it("is refused on a stale version, naming who changed the submission and when", async () => {
    const { db } = world;
    const { actor, submission } = await readySubmission(db);
    const wang = await actorFor(db, CITY_COLLEAGUE_EMAIL);
    const later = new Date(NOW.getTime() + HOUR);
    const loaded = submission.version;
    dataOf(await run(db, saveHeaderCommand, { submissionId: submission.id, expectedVersion: loaded, fillerName: "王建国", fillerPhone: "13800138000" }, wang, later));

    const result = await run(db, submitCommand, { submissionId: submission.id, expectedVersion: loaded }, actor, later);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.formError).toContain("王建国");
    expect(result.formError).toContain(formatDateTime(later));
    expect(await submissionById(db, submission.id)).toMatchObject({ status: "draft", submittedAt: null, version: loaded + 1 });
    expect(await submittedEvents(db, submission.id)).toBe(0);
  });
});

describe("the stamped scan", () => {
  const OUTDATED = "扫描件已过期：表格在上传后有修改，请重新打印盖章上传";
  const scanState = async (db: Db, actor: Actor, submissionId: number) => (await getWorkspaceForActor({ db, actor, submissionId, view: FIRST_PAGE }))!.readiness.scan;
  const submit = async (db: Db, actor: Actor, submissionId: number) =>
    run(db, submitCommand, { submissionId, expectedVersion: (await submissionById(db, submissionId)).version }, actor);

  it("shows the table as it was uploaded: rows filled, changed or removed later, or a new 填报人, outdate it until a new scan is uploaded", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const { id } = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);

    // Scanned while every row but the bureau's was empty, then the rest filled in.
    dataOf(await run(db, saveRowCommand, rowInput(id, bureau.id, { email: "bureau@example.com" }), actor));
    await saveHeader(db, actor, id);
    await uploadScan(db, actor, id);
    expect(await scanState(db, actor, id)).toBe("current");
    await fillEveryRow(db, actor, id);
    expect(await scanState(db, actor, id)).toBe("outdated");
    expect(await submit(db, actor, id)).toEqual({ ok: false, formError: `暂不能提交：${OUTDATED}。` });

    // A new scan of the complete table counts; saving what is already there changes nothing.
    await uploadScan(db, actor, id);
    const [entry] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, bureau.id));
    dataOf(await run(db, saveRowCommand, rowInput(id, bureau.id, { email: "bureau@example.com", expectedVersion: entry.version }), actor));
    await saveHeader(db, actor, id);
    expect(await scanState(db, actor, id)).toBe("current");

    // Each kind of change outdates it: a row edited, the header edited, a row removed.
    const changes: [string, () => Promise<unknown>][] = [
      ["row", () => run(db, saveRowCommand, rowInput(id, bureau.id, { email: "bureau@example.com", position: "副局长", expectedVersion: entry.version }), actor)],
      ["header", async () => run(db, saveHeaderCommand, { submissionId: id, expectedVersion: (await submissionById(db, id)).version, fillerName: "王建国", fillerPhone: "13800138000" }, actor)],
      ["removed row", () => db.delete(rosterEntries).where(eq(rosterEntries.unitId, bureau.id))],
    ];
    for (const [what, change] of changes) {
      await uploadScan(db, actor, id);
      expect(await scanState(db, actor, id), what).toBe("current");
      await change();
      expect(await scanState(db, actor, id), what).toBe("outdated");
    }
    dataOf(await run(db, saveRowCommand, rowInput(id, bureau.id, { email: "bureau@example.com" }), actor));
    expect((await submit(db, actor, id)).ok).toBe(false);
    await uploadScan(db, actor, id);
    expect(dataOf(await submit(db, actor, id))).toMatchObject({ late: false });
  });
});

describe("withdraw", () => {
  it("returns a submission to draft before review, and is refused once review has started", async () => {
    const { db } = world;
    const { actor, submission } = await readySubmission(db);
    const submitted = dataOf(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor));

    const later = new Date(NOW.getTime() + HOUR);
    const withdrawn = dataOf(await run(db, withdrawCommand, { submissionId: submission.id, expectedVersion: submitted.version }, actor, later));
    expect(await submissionById(db, submission.id)).toMatchObject({ status: "draft", submittedAt: null, late: false, version: submitted.version + 1, updatedAt: later });
    expect(await db.$count(submissionEvents, eq(submissionEvents.action, "withdrawn"))).toBe(1);

    const resubmitted = dataOf(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: withdrawn.version }, actor, later));
    const reviewOpenedAt = new Date(later.getTime() + HOUR);
    await db.update(submissions).set({ reviewOpenedAt }).where(eq(submissions.id, submission.id));
    const before = await submissionById(db, submission.id);

    const refused = await run(db, withdrawCommand, { submissionId: submission.id, expectedVersion: resubmitted.version }, actor, new Date(reviewOpenedAt.getTime() + HOUR));
    expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining("已开始审核") });
    expect(await submissionById(db, submission.id)).toEqual(before);
    expect(before).toMatchObject({ status: "submitted", submittedAt: later });
    expect(await db.$count(submissionEvents, eq(submissionEvents.action, "withdrawn"))).toBe(1);
  });

  it("is refused for a draft", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const result = await run(db, withdrawCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor);
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining("不能撤回") });
    expect(await submissionById(db, submission.id)).toEqual(submission);
  });
});

describe("a closed campaign", () => {
  it("refuses saving a row, saving the header and submitting, writing nothing", async () => {
    const { db } = world;
    const { actor, submission } = await readySubmission(db);
    await db.update(campaigns).set({ status: "closed", closedAt: NOW }).where(eq(campaigns.id, submission.campaignId));
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const [entry] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, bureau.id));
    const before = await writeCounts(db);
    const refusal = { ok: false, formError: CLOSED_MESSAGE };

    expect(await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: entry.version, name: "赵六" }), actor)).toEqual(refusal);
    expect(
      await run(db, saveHeaderCommand, { submissionId: submission.id, expectedVersion: submission.version, fillerName: "赵六", fillerPhone: "13800138000" }, actor),
    ).toEqual(refusal);
    expect(await run(db, submitCommand, { submissionId: submission.id, expectedVersion: submission.version }, actor)).toEqual(refusal);

    expect(await writeCounts(db)).toEqual(before);
    expect(await submissionById(db, submission.id)).toEqual(submission);
    const [after] = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, bureau.id));
    expect(after).toEqual(entry);
    for (const action of ["roster.save_row", "roster.save_header", "submission.submit"]) {
      const [audit] = (await auditOf(db, action)).slice(-1);
      expect(audit).toMatchObject({ outcome: "rejected", detail: expect.objectContaining({ message: CLOSED_MESSAGE }) });
    }
  });
});

describe("the timeline", () => {
  it("shows the newest 50 events, and each 「更多」 the next older ones, in order, none twice, none left out", async () => {
    const { db } = world;
    const { id } = await submissionOf(db, SHIJIAZHUANG);
    const actor = await actorFor(db, CITY_EMAIL);
    // 120 events, every three of them at the same instant: the id breaks the tie.
    await db.insert(submissionEvents).values(
      Array.from({ length: 120 }, (_, i) => ({ submissionId: id, actorId: actor.userId, action: "row.saved", at: new Date(NOW.getTime() + Math.floor(i / 3) * 1000), detail: { i } })),
    );
    const all = await db.select({ id: submissionEvents.id, at: submissionEvents.at }).from(submissionEvents).where(eq(submissionEvents.submissionId, id));
    const newestFirst = all.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id).map((e) => e.id);

    const first = (await getWorkspaceForActor({ db, actor, submissionId: id, view: FIRST_PAGE }))!.events;
    expect(first.events).toHaveLength(50);
    expect(first).toMatchObject({ more: true, events: expect.arrayContaining([expect.objectContaining({ actorName: actor.name, action: "row.saved" })]) });
    const second = await getEventsBySubmission({ db, submissionId: id, before: first.events.at(-1)!.id });
    const third = await getEventsBySubmission({ db, submissionId: id, before: second.events.at(-1)!.id });
    expect([second.events.length, second.more, third.events.length, third.more]).toEqual([50, true, 20, false]);
    expect([...first.events, ...second.events, ...third.events].map((e) => e.id)).toEqual(newestFirst);
    // An event of another submission is no place to page from.
    const other = (await submissionOf(db, "1302")).id;
    expect(await getEventsBySubmission({ db, submissionId: other, before: first.events[0].id })).toEqual({ events: [], more: false });
  });
});
