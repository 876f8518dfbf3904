import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { auditLog, rosterEntries, submissionEvents, submissionScans, units } from "@/db/schema";
import { performDownload } from "@/lib/downloads/audited";
import { fileResponse } from "@/lib/downloads/response";
import { DENIED_MESSAGE, NOT_FOUND_MESSAGE } from "@/lib/core/errors";
import { saveRowCommand, uploadScanCommand } from "@/lib/roster/commands";
import { getWorkspaceForActor } from "@/lib/roster/queries";
import { scanDownload } from "@/lib/roster/downloads";
import { SCAN_MAX_BYTES } from "@/lib/roster/schemas";
import { formatDateTime } from "@/lib/time";
import { actorFor, auditOf, CHANGAN, CITY_COLLEAGUE_EMAIL, CITY_EMAIL, COUNTY_EMAIL, dataOf, DEADLINE, EXE_BYTES, fileOf, FIRST_PAGE, freshSeededDatabaseEachTest, JPEG_BYTES, lastAuditId, NOW, PDF_BYTES, PNG_BYTES, REVIEWER_EMAIL, rowInput, run, SHIJIAZHUANG, submissionById, submissionOf, TANGSHAN, TANGSHAN_EMAIL, unitByCode, writeCounts } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const HOUR = 60 * 60 * 1000;

async function entryOf(db: Db, unitId: number) {
  const rows = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, unitId));
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

/** The transaction id that wrote a row: equal ids prove the writes committed together. */
async function xminOf(db: Db, table: string, id: number): Promise<string> {
  const [row] = await db.execute<{ xmin: string }>(sql`select xmin::text as xmin from ${sql.identifier(table)} where id = ${id}`);
  return row.xmin;
}

describe("saveRow", () => {
  it("stores the canonical phone and email, with its timeline event and audit row in the same transaction", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    expect(submission.status).toBe("draft");

    const result = await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { phone: "+86 138 0013 8000", email: " Wang.Wei@Example.COM " }), actor);
    // The answer is the row as stored, so the page can show it without reading the table again.
    expect(dataOf(result)).toEqual({
      version: 1,
      entry: expect.objectContaining({ name: "王伟", phone: "13800138000", email: "wang.wei@example.com", version: 1, updatedByName: actor.name }),
      warnings: [],
      event: { action: "row.saved", at: NOW, actorName: actor.name, detail: expect.objectContaining({ unitId: bureau.id }) },
    });

    const entry = await entryOf(db, bureau.id);
    expect(entry).toMatchObject({
      campaignId: submission.campaignId,
      submissionId: submission.id,
      name: "王伟",
      position: "信息中心主任",
      phone: "13800138000",
      email: "wang.wei@example.com",
      schoolCode: null,
      version: 1,
      updatedBy: actor.userId,
      updatedAt: NOW,
    });

    const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, submission.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "row.saved", actorId: actor.userId, at: NOW, detail: expect.objectContaining({ unitId: bureau.id }) });

    const audits = await auditOf(db, "roster.save_row");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ outcome: "success", userId: actor.userId, role: "city_officer", unitId: actor.unitId, targetType: "roster_entry", targetId: String(entry.id), ip: "127.0.0.1", at: NOW });

    const xmin = await xminOf(db, "roster_entries", entry.id);
    expect(await xminOf(db, "submission_events", events[0].id)).toBe(xmin);
    expect(await xminOf(db, "audit_log", audits[0].id)).toBe(xmin);
  });

  it("refuses a save based on a stale version, names who changed the row, and keeps the first values", async () => {
    const { db } = world;
    const liu = await actorFor(db, CITY_EMAIL);
    const wang = await actorFor(db, CITY_COLLEAGUE_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, bureau.id), liu));

    // Both load the row at version 1.
    const loaded = (await entryOf(db, bureau.id)).version;
    expect(loaded).toBe(1);
    const later = new Date(NOW.getTime() + HOUR);
    const first = await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: loaded, name: "王建国", email: "wangjg@example.com" }), wang, later);
    expect(dataOf(first)).toMatchObject({ version: 2 });

    const mark = await lastAuditId(db);
    const second = await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: loaded, name: "刘海燕", email: "liuhy@example.com" }), liu, later);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.formError).toContain("王建国");
    expect(second.formError).toContain(formatDateTime(later));

    expect(await entryOf(db, bureau.id)).toMatchObject({ name: "王建国", email: "wangjg@example.com", version: 2, updatedBy: wang.userId });
    expect(await db.$count(submissionEvents)).toBe(2);
    const [audit] = await auditOf(db, "roster.save_row", mark);
    expect(audit).toMatchObject({ outcome: "rejected", userId: liu.userId, detail: expect.objectContaining({ reason: "stale", expected: 1, actual: 2 }) });
  });

  it("accepts a retried identical save with a stale version without writing a second row or event", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const input = rowInput(submission.id, bureau.id);

    expect(dataOf(await run(db, saveRowCommand, input, actor))).toMatchObject({ version: 1 });
    // The response was lost; the browser sends the same save again, still "new row".
    expect(dataOf(await run(db, saveRowCommand, input, actor))).toMatchObject({ version: 1 });
    expect(await db.$count(rosterEntries)).toBe(1);
    expect(await db.$count(submissionEvents)).toBe(1);

    // The same for an edit: v1 → v2, then the identical edit again from v1.
    const edit = { ...input, expectedVersion: 1, position: "副局长" };
    expect(dataOf(await run(db, saveRowCommand, edit, actor))).toMatchObject({ version: 2 });
    expect(dataOf(await run(db, saveRowCommand, edit, actor))).toMatchObject({ version: 2 });
    expect(await entryOf(db, bureau.id)).toMatchObject({ position: "副局长", version: 2 });
    expect(await db.$count(rosterEntries)).toBe(1);
    expect(await db.$count(submissionEvents)).toBe(2);
  });

  it("tells a person whose own save from another window made the row stale that it was them, never someone else", async () => {
    const { db } = world;
    const liu = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, bureau.id), liu));

    // Two windows load the row at version 1; the first saves, then the second tries another change.
    const later = new Date(NOW.getTime() + HOUR);
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: 1, position: "副局长" }), liu, later));
    const second = await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { expectedVersion: 1, position: "局长" }), liu, later);
    expect(second).toMatchObject({
      ok: false,
      formError: `「${bureau.name}」这一行已在另一窗口中修改（您本人于 ${formatDateTime(later)}），您的输入仍保留在页面上，请刷新后再试。`,
    });
    expect(await entryOf(db, bureau.id)).toMatchObject({ position: "副局长", version: 2 });
  });

  it("takes the same first save of an empty row from two windows at once as one save, refusing neither", async () => {
    const { db } = world;
    const liu = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const input = rowInput(submission.id, bureau.id);

    const results = await Promise.all([run(db, saveRowCommand, input, liu), run(db, saveRowCommand, input, liu)]);
    expect(results.map((r) => r.ok && r.data.version)).toEqual([1, 1]);
    expect(await entryOf(db, bureau.id)).toMatchObject({ name: "王伟", version: 1 });
    expect(await db.$count(submissionEvents)).toBe(1);
  });

  it("lets only one of two concurrent first saves of the same unit through", async () => {
    const { db } = world;
    const liu = await actorFor(db, CITY_EMAIL);
    const wang = await actorFor(db, CITY_COLLEAGUE_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const candidates = await db.select().from(units).where(eq(units.reportingParentId, (await unitByCode(db, SHIJIAZHUANG)).id));
    const counties = candidates.filter((u) => u.kind === "county_bureau").slice(0, 4);

    for (const county of counties) {
      const results = await Promise.all([
        run(db, saveRowCommand, rowInput(submission.id, county.id, { name: "刘海燕", email: `liu-${county.code}@example.com` }), liu),
        run(db, saveRowCommand, rowInput(submission.id, county.id, { name: "王建国", email: `wang-${county.code}@example.com` }), wang),
      ]);
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const loser = results.find((r) => !r.ok);
      expect(loser && !loser.ok && loser.formError).toMatch(/已被 .+ 于 .+ 修改/);

      const rows = await db.select().from(rosterEntries).where(eq(rosterEntries.unitId, county.id));
      expect(rows).toHaveLength(1);
      expect(rows[0].name).toBe(results[0].ok ? "刘海燕" : "王建国");
      expect(rows[0].version).toBe(1);
    }
    expect(await db.$count(submissionEvents)).toBe(counties.length);
  });

  it("requires a school code for a school and refuses one for a bureau, writing nothing", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const school = await unitByCode(db, "3613010001");
    const county = await unitByCode(db, CHANGAN);
    const before = await writeCounts(db);

    const noCode = await run(db, saveRowCommand, rowInput(submission.id, school.id, { schoolCode: "" }), actor);
    expect(noCode).toMatchObject({ ok: false, fieldErrors: { schoolCode: expect.stringContaining("学校须填写") } });

    const withCode = await run(db, saveRowCommand, rowInput(submission.id, county.id, { schoolCode: "3613010002" }), actor);
    expect(withCode).toMatchObject({ ok: false, fieldErrors: { schoolCode: expect.stringContaining("仅学校填写") } });

    expect(await writeCounts(db)).toEqual(before);
    expect((await auditOf(db, "roster.save_row")).map((a) => a.outcome)).toEqual(["rejected", "rejected"]);

    // The same rows with the right code are accepted: the refusals were about the code alone.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { schoolCode: school.schoolCode }), actor));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, county.id, { schoolCode: "" }), actor));
    expect((await entryOf(db, school.id)).schoolCode).toBe("3613010001");
    expect((await entryOf(db, county.id)).schoolCode).toBeNull();
  });

  it("refuses an invalid phone with a Chinese field error, writes nothing and audits the rejection", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const before = await writeCounts(db);

    const result = await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { phone: "1380013800" }), actor);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(["phone"]);
    expect(result.fieldErrors?.phone).toMatch(/^联系电话：.*\p{Script=Han}/u);
    expect(result.fieldErrors?.phone).toContain("11 位");

    expect(await writeCounts(db)).toEqual(before);
    const [audit] = await auditOf(db, "roster.save_row");
    expect(audit).toMatchObject({ outcome: "rejected", userId: actor.userId, detail: expect.objectContaining({ reason: "invalid_input", fields: ["phone"] }) });
  });
});

describe("saveRow scope", () => {
  it("hides a 唐山 unit from the 石家庄 officer, in its own submission or in 唐山's", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const own = await submissionOf(db, SHIJIAZHUANG);
    const tangshanSubmission = await submissionOf(db, TANGSHAN);
    const tangshan = await unitByCode(db, TANGSHAN);
    const tangshanSchool = await unitByCode(db, "3613020001");
    const before = await writeCounts(db);

    for (const input of [
      rowInput(own.id, tangshan.id),
      rowInput(own.id, tangshanSchool.id, { schoolCode: tangshanSchool.schoolCode }),
      rowInput(tangshanSubmission.id, tangshan.id),
    ]) {
      expect(await run(db, saveRowCommand, input, actor)).toEqual({ ok: false, notFound: true, formError: NOT_FOUND_MESSAGE });
    }

    expect(await writeCounts(db)).toEqual(before);
    const audits = await auditOf(db, "roster.save_row");
    expect(audits.map((a) => [a.outcome, a.detail.reason])).toEqual([
      ["denied", "not_found"],
      ["denied", "not_found"],
      ["denied", "not_found"],
    ]);
  });

  it("lets a county officer look at its city's submission but not write into it", async () => {
    const { db } = world;
    const actor = await actorFor(db, COUNTY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const county = await unitByCode(db, CHANGAN);
    expect(await getWorkspaceForActor({ db, actor, submissionId: submission.id, view: FIRST_PAGE })).not.toBeNull();
    const before = await writeCounts(db);

    const result = await run(db, saveRowCommand, rowInput(submission.id, county.id), actor);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.notFound).toBeUndefined();
    expect(result.formError).toContain("不能修改");

    expect(await writeCounts(db)).toEqual(before);
    const [audit] = await auditOf(db, "roster.save_row");
    expect(audit).toMatchObject({ outcome: "denied", userId: actor.userId, detail: expect.objectContaining({ reason: "denied" }) });
  });

  it("refuses a province reviewer by role", async () => {
    const { db } = world;
    const actor = await actorFor(db, REVIEWER_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const before = await writeCounts(db);

    expect(await run(db, saveRowCommand, rowInput(submission.id, bureau.id), actor)).toEqual({ ok: false, formError: DENIED_MESSAGE });
    expect(await writeCounts(db)).toEqual(before);
    const [audit] = await auditOf(db, "roster.save_row");
    expect(audit).toMatchObject({ outcome: "denied", role: "province_reviewer", detail: { reason: "role" } });
  });
});

describe("uploadScan", () => {
  it("accepts PNG, PDF and JPEG by their bytes, storing the sniffed type and the size", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    let version = submission.version;

    for (const [bytes, name, mimeType] of [
      [PNG_BYTES, "扫描件.png", "image/png"],
      [PDF_BYTES, "scan", "application/pdf"],
      [JPEG_BYTES, "scan.pdf", "image/jpeg"],
    ] as const) {
      // The browser's declared type is not trusted: every file claims to be octet-stream.
      const result = await run(db, uploadScanCommand, { submissionId: submission.id, expectedVersion: version, file: fileOf(bytes, name) }, actor);
      expect(dataOf(result)).toEqual({ version: version + 1 });
      version += 1;

      const scans = await db.select().from(submissionScans);
      expect(scans).toHaveLength(1);
      expect(scans[0]).toMatchObject({ submissionId: submission.id, fileName: name, mimeType, size: bytes.length, uploadedBy: actor.userId, uploadedAt: NOW });
      expect(Buffer.compare(scans[0].content, bytes)).toBe(0);
    }
    expect((await submissionById(db, submission.id)).version).toBe(version);
    expect(await db.$count(submissionEvents, eq(submissionEvents.action, "scan.uploaded"))).toBe(3);
  });

  it("takes a retried upload of the same file as done, leaving the version for the person's next action", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const upload = (expectedVersion: number, bytes = PDF_BYTES) =>
      run(db, uploadScanCommand, { submissionId: submission.id, expectedVersion, file: fileOf(bytes, "盖章表.pdf") }, actor);

    const { version } = dataOf(await upload(submission.version));
    // The answer was lost; the browser sends the same file again, from the version it had.
    expect(dataOf(await upload(submission.version))).toEqual({ version });
    expect((await submissionById(db, submission.id)).version).toBe(version);
    expect(await db.$count(submissionEvents, eq(submissionEvents.action, "scan.uploaded"))).toBe(1);

    // A different file from the old page is a change: refused as stale, and put down to the person's own other upload.
    const other = await upload(submission.version, PNG_BYTES);
    expect(other).toMatchObject({ ok: false, formError: `本报送已在另一窗口中修改（您本人于 ${formatDateTime(NOW)}），您的输入仍保留在页面上，请刷新后再试。` });
    expect(dataOf(await upload(version, PNG_BYTES))).toEqual({ version: version + 1 });
  });

  it("refuses an executable named scan.pdf, writing nothing", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const before = await writeCounts(db);

    const file = fileOf(EXE_BYTES, "scan.pdf", "application/pdf");
    const result = await run(db, uploadScanCommand, { submissionId: submission.id, expectedVersion: submission.version, file }, actor);
    expect(result).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("PDF、JPG 或 PNG") } });
    expect(await writeCounts(db)).toEqual(before);
    const [audit] = await auditOf(db, "roster.upload_scan");
    expect(audit.outcome).toBe("rejected");
  });

  it("refuses a scan over 10 MB, writing nothing, and accepts one of exactly 10 MB", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const before = await writeCounts(db);
    const pdfOfSize = (size: number) => Buffer.concat([PDF_BYTES, Buffer.alloc(size - PDF_BYTES.length, 0x20)]);

    const tooBig = await run(db, uploadScanCommand, { submissionId: submission.id, expectedVersion: submission.version, file: fileOf(pdfOfSize(SCAN_MAX_BYTES + 1), "scan.pdf") }, actor);
    expect(tooBig).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("10 MB") } });
    expect(await writeCounts(db)).toEqual(before);

    const limit = await run(db, uploadScanCommand, { submissionId: submission.id, expectedVersion: submission.version, file: fileOf(pdfOfSize(SCAN_MAX_BYTES), "scan.pdf") }, actor);
    expect(limit.ok).toBe(true);
    const [scan] = await db.select({ size: submissionScans.size }).from(submissionScans);
    expect(scan.size).toBe(SCAN_MAX_BYTES);
  });
});

describe("viewing the scan", () => {
  it("goes through the audited download path, inline, with its Chinese name per RFC 5987, for those with the whole table in scope", async () => {
    const { db } = world;
    const officer = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const name = "石家庄市教育局 盖章扫描件(1).pdf";
    dataOf(await run(db, uploadScanCommand, { submissionId: submission.id, expectedVersion: submission.version, file: fileOf(PDF_BYTES, name) }, officer));
    const view = async (email: string) => performDownload({ db, actor: await actorFor(db, email), ip: "127.0.0.1", now: NOW }, "roster.view_scan", scanDownload(submission.id));

    const file = await view(REVIEWER_EMAIL);
    expect(file).toMatchObject({ fileName: name, contentType: "application/pdf", disposition: "inline" });
    expect(Buffer.compare(file!.content, PDF_BYTES)).toBe(0);
    const header = fileResponse(file!).headers.get("Content-Disposition") as string;
    expect(header).toMatch(/^inline; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(header).toContain(`filename*=UTF-8''${encodeURIComponent("石家庄市教育局 盖章扫描件")}%281%29.pdf`);
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe(name);
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    expect(await auditOf(db, "roster.view_scan")).toEqual([
      expect.objectContaining({ outcome: "success", userId: reviewer.userId, targetType: "submission", targetId: String(submission.id), detail: { fileName: name } }),
    ]);

    // A county sees its own rows only, another city nothing: neither gets the scan, and nothing is logged as seen.
    expect(await view(COUNTY_EMAIL)).toBeNull();
    expect(await view(TANGSHAN_EMAIL)).toBeNull();
    expect(await auditOf(db, "roster.view_scan")).toHaveLength(1);
  });
});

describe("getWorkspaceForActor", () => {
  /** The active subtree in registry order: each unit, then its county bureaus (each with its subtree), then its schools. */
  async function registryOrder(db: Db, rootId: number): Promise<number[]> {
    const all = await db.select().from(units).where(eq(units.active, true));
    const rank = (u: (typeof all)[number]) => (u.kind === "county_bureau" ? 0 : 1);
    const walk = (id: number): number[] => [
      id,
      ...all
        .filter((u) => u.reportingParentId === id)
        .sort((a, b) => rank(a) - rank(b) || a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
        .flatMap((u) => walk(u.id)),
    ];
    return walk(rootId);
  }

  it("shows the city officer its bureau, then each county followed by its schools, and only active units", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const city = await unitByCode(db, SHIJIAZHUANG);
    const changan = await unitByCode(db, CHANGAN);
    const changanSchool = await unitByCode(db, "3613010002");
    const zhengdingSchool = await unitByCode(db, "3613010003");
    await db.update(units).set({ active: false }).where(eq(units.id, zhengdingSchool.id));

    const workspace = await getWorkspaceForActor({ db, actor, submissionId: submission.id, view: FIRST_PAGE });
    expect(workspace).not.toBeNull();
    const ids = workspace!.table.rows.map((r) => r.unitId);

    const [{ n: activeSubtree }] = await db.execute<{ n: number }>(sql`
      with recursive down(id) as (
        select id from units where id = ${city.id}
        union all
        select u.id from units u join down on u.reporting_parent_id = down.id where u.active
      )
      select count(*)::int as n from down`);
    expect(ids).toHaveLength(activeSubtree);
    expect(ids).not.toContain(zhengdingSchool.id);
    expect(ids).toEqual(await registryOrder(db, city.id));
    expect(ids[0]).toBe(city.id);
    expect(ids.indexOf(changanSchool.id)).toBe(ids.indexOf(changan.id) + 1);
    const counties = workspace!.table.rows.filter((r) => r.unitKind === "county_bureau");
    expect(counties.length).toBeGreaterThan(10);
    expect(workspace!.table.rows.every((r) => r.entry === null)).toBe(true);
    expect(workspace!.canEdit).toBe(true);
  });

  it("shows a county officer only its own subtree's rows, read-only", async () => {
    const { db } = world;
    const city = await actorFor(db, CITY_EMAIL);
    const actor = await actorFor(db, COUNTY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const changan = await unitByCode(db, CHANGAN);
    const changanSchool = await unitByCode(db, "3613010002");
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, bureau.id), city));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { email: "changan@example.com" }), city));

    const workspace = await getWorkspaceForActor({ db, actor, submissionId: submission.id, view: FIRST_PAGE });
    expect(workspace).not.toBeNull();
    expect(workspace!.table.rows.map((r) => r.unitId)).toEqual([changan.id, changanSchool.id]);
    expect(workspace!.table.rows[0].entry).toMatchObject({ email: "changan@example.com" });
    expect(workspace!.canEdit).toBe(false);
  });

  it("gives the 唐山 officer nothing of 石家庄's submission", async () => {
    const { db } = world;
    const actor = await actorFor(db, TANGSHAN_EMAIL);
    expect(await getWorkspaceForActor({ db, actor, submissionId: (await submissionOf(db, SHIJIAZHUANG)).id, view: FIRST_PAGE })).toBeNull();
    const own = await getWorkspaceForActor({ db, actor, submissionId: (await submissionOf(db, TANGSHAN)).id, view: FIRST_PAGE });
    expect(own?.table.rows[0].unitId).toBe((await unitByCode(db, TANGSHAN)).id);
    expect(own?.submission.deadline).toEqual(DEADLINE);
  });

  it("warns on both rows that share an email, and on a school code that differs from the registry", async () => {
    const { db } = world;
    const actor = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    const bureau = await unitByCode(db, SHIJIAZHUANG);
    const changan = await unitByCode(db, CHANGAN);
    const school = await unitByCode(db, "3613010001");
    const other = await unitByCode(db, "130104");
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, bureau.id, { email: "same@example.com", phone: "13800138001" }), actor));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, changan.id, { email: "SAME@example.com", phone: "13800138002" }), actor));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, other.id, { email: "other@example.com", phone: "13800138003" }), actor));
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { email: "school@example.com", phone: "13800138004", schoolCode: "3613019999" }), actor));

    const rows = (await getWorkspaceForActor({ db, actor, submissionId: submission.id, view: FIRST_PAGE }))!.table.rows;
    const warningsOf = (unitId: number) => rows.find((r) => r.unitId === unitId)!.warnings;
    expect(warningsOf(bureau.id)).toEqual([expect.stringContaining("该邮箱也出现在")]);
    expect(warningsOf(changan.id)).toEqual([expect.stringContaining("该邮箱也出现在")]);
    expect(warningsOf(other.id)).toEqual([]);
    expect(warningsOf(school.id)).toEqual([expect.stringContaining(`与单位库登记的 ${school.schoolCode} 不一致`)]);

    // Corrected to the registry's code, the warning goes.
    dataOf(await run(db, saveRowCommand, rowInput(submission.id, school.id, { email: "school@example.com", phone: "13800138004", schoolCode: school.schoolCode, expectedVersion: 1 }), actor));
    const corrected = (await getWorkspaceForActor({ db, actor, submissionId: submission.id, view: FIRST_PAGE }))!.table.rows;
    expect(corrected.find((r) => r.unitId === school.id)!.warnings).toEqual([]);
    expect(await db.$count(auditLog, and(eq(auditLog.action, "roster.save_row"), eq(auditLog.outcome, "success")))).toBe(5);
  });
});
