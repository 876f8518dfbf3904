// 培训签到: import a session's 签到表 (preview, then all lines or none), resolve what did not match, upload the signed
// scan, close the session (attendance final) and put the absent on a 补训 session.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { trainingAttendanceLines, trainingRegistrations, trainingSessions, trainingSignInScans } from "@/db/schema";
import {
  closeSessionCommand,
  commitAttendanceImportCommand,
  previewAttendanceImportCommand,
  resolveAttendanceLineCommand,
  scheduleRemedialCommand,
  uploadSignInScanCommand,
} from "@/lib/training/attendance/commands";
import { getSessionAttendanceForActor } from "@/lib/training/attendance/queries";
import { dataOf, EXE_BYTES, fileOf, freshSeededDatabaseEachTest, PDF_BYTES, run } from "../support/actors";
import { adminName, adminPhone, publishedTraining } from "../support/training";
import { xlsxFrom } from "../unit/xlsx-fixtures";

const t = freshSeededDatabaseEachTest();
const SIGN_IN_HEADER = ["序号", "姓名", "单位", "联系电话", "签到时间"];

/** The published training with the first three administrators of 石家庄's table registered (approved) for the online session. */
async function withRegistrations() {
  const training = await publishedTraining(t.db);
  const { rows } = training.roster;
  const session = training.sessions.online;
  const registrations = await t.db
    .insert(trainingRegistrations)
    .values(
      [0, 1, 2].map((i) => ({
        campaignId: training.campaign.id,
        submissionId: training.citySubmission.id,
        sessionId: session.id,
        unitId: rows[i].unitId,
        name: adminName(i),
        position: "信息中心主任",
        phone: adminPhone(i),
        email: `sjz-admin${i}@example.com`,
        rosterEntryId: rows[i].entry?.id ?? null,
        state: "approved" as const,
      })),
    )
    .returning();
  return { ...training, session, registrations, unitNames: rows.map((r) => r.unitName) };
}

function sheetFile(rows: unknown[][], name = "签到表.xlsx"): File {
  return fileOf(xlsxFrom([{ name: "签到表", rows }]), name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

async function hashOf(file: File): Promise<string> {
  return createHash("sha256").update(new Uint8Array(await file.arrayBuffer())).digest("hex");
}

async function importLines(f: Awaited<ReturnType<typeof withRegistrations>>, file: File) {
  return run(t.db, commitAttendanceImportCommand, { sessionId: f.session.id, file, fileHash: await hashOf(file) }, f.province);
}

/** A row to copy into a new one: the database gives the id. */
function withoutId<R extends { id: number }>(row: R): Omit<R, "id"> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => key !== "id")) as Omit<R, "id">;
}

const linesOf = (sessionId: number) => t.db.select().from(trainingAttendanceLines).where(eq(trainingAttendanceLines.sessionId, sessionId)).orderBy(trainingAttendanceLines.line);

/** Row 0 by phone, row 1 by name and unit (no phone), and somebody nobody registered. */
function typicalFile(f: Awaited<ReturnType<typeof withRegistrations>>): File {
  return sheetFile([
    SIGN_IN_HEADER,
    [1, adminName(0), f.unitNames[0], adminPhone(0), "09:01"],
    [2, adminName(1), f.unitNames[1], "", "09:02"],
    [3, "赵强", "新华区教育局", "13700000000", "09:03"],
  ]);
}

describe("importing a 签到表", () => {
  it("previews each line's match without writing, then commits them all, and a new import replaces them", async () => {
    const f = await withRegistrations();
    const file = typicalFile(f);
    const preview = dataOf(await run(t.db, previewAttendanceImportCommand, { sessionId: f.session.id, file }, f.province));
    expect(preview.committed).toBe(false);
    expect(preview.rows.map((r) => r.status)).toEqual(["new", "new", "new"]);
    expect(preview.rows[0].changes[0]).toBe(`匹配（按手机号）：${adminName(0)}（${f.unitNames[0]}）`);
    expect(preview.rows[1].changes[0]).toBe(`匹配（按姓名和单位）：${adminName(1)}（${f.unitNames[1]}）`);
    expect(preview.rows[2].warnings).toEqual(["未找到对应的报名人员，导入后请选择报名人员或忽略"]);
    expect(await linesOf(f.session.id)).toEqual([]);

    dataOf(await run(t.db, commitAttendanceImportCommand, { sessionId: f.session.id, file, fileHash: preview.fileHash }, f.province));
    const lines = await linesOf(f.session.id);
    expect(lines.map((l) => [l.line, l.name, l.match, l.registrationId])).toEqual([
      [2, adminName(0), "matched", f.registrations[0].id],
      [3, adminName(1), "matched", f.registrations[1].id],
      [4, "赵强", "unmatched", null],
    ]);
    expect(lines[0].importedBy).toBe(f.province.userId);

    dataOf(await importLines(f, sheetFile([SIGN_IN_HEADER, [1, adminName(2), f.unitNames[2], adminPhone(2), ""]])));
    expect((await linesOf(f.session.id)).map((l) => [l.name, l.registrationId])).toEqual([[adminName(2), f.registrations[2].id]]);
  });

  it("reads a meeting export by its headers", async () => {
    const f = await withRegistrations();
    const file = sheetFile([
      ["用户名", "手机号", "入会时间", "离会时间", "参会时长(分钟)"],
      [adminName(0), adminPhone(0), "2021-11-26 09:00", "2021-11-26 11:00", "120"],
    ]);
    dataOf(await importLines(f, file));
    const [line] = await linesOf(f.session.id);
    expect(line).toMatchObject({ match: "matched", registrationId: f.registrations[0].id, durationMinutes: 120, joinedAt: new Date("2021-11-26T01:00:00Z"), leftAt: new Date("2021-11-26T03:00:00Z") });
  });

  it("writes nothing of a file with a malformed line or a duplicated phone, keeping the earlier import", async () => {
    const f = await withRegistrations();
    dataOf(await importLines(f, typicalFile(f)));
    const before = await linesOf(f.session.id);
    const bad = sheetFile([
      SIGN_IN_HEADER,
      [1, adminName(0), f.unitNames[0], adminPhone(0), "09:01"],
      [2, adminName(1), f.unitNames[1], adminPhone(0), "09:02"],
      [3, "", f.unitNames[2], adminPhone(2), "上午"],
    ]);
    const result = await importLines(f, bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.file).toMatch(/^文件中有 3 处错误，未导入任何内容/);
    expect(result.fieldErrors?.["line.3"]).toContain("与第 2 行的号码相同");
    expect(result.fieldErrors?.["line.4"]).toContain("姓名：请填写");
    expect(await linesOf(f.session.id)).toEqual(before);
  });

  it("refuses a file missing required columns, naming them, and a commit of another file than the preview's", async () => {
    const f = await withRegistrations();
    const missing = await importLines(f, sheetFile([["序号", "姓名", "签到时间", "备注"], [1, adminName(0), "09:00", ""]]));
    expect(missing).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("缺少 「单位」「联系电话」 列") } });
    const other = await run(t.db, commitAttendanceImportCommand, { sessionId: f.session.id, file: typicalFile(f), fileHash: "0".repeat(64) }, f.province);
    expect(other).toMatchObject({ ok: false, formError: expect.stringContaining("与预览时的文件不同") });
    expect(await linesOf(f.session.id)).toEqual([]);
  });
});

describe("resolving, the scan and closing", () => {
  it("matches a line by hand or ignores it, only to registrations of the session", async () => {
    const f = await withRegistrations();
    dataOf(await importLines(f, typicalFile(f)));
    const unmatched = (await linesOf(f.session.id)).find((l) => l.match === "unmatched")!;
    const [elsewhere] = await t.db
      .insert(trainingRegistrations)
      .values({ ...withoutId(f.registrations[2]), sessionId: f.sessions.onsite.id })
      .returning();
    const refused = await run(t.db, resolveAttendanceLineCommand, { lineId: unmatched.id, registrationId: elsewhere.id }, f.province);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { registrationId: "报名人员：请选择本场次已确认的报名人员" } });

    dataOf(await run(t.db, resolveAttendanceLineCommand, { lineId: unmatched.id, registrationId: f.registrations[2].id }, f.province));
    expect((await linesOf(f.session.id)).find((l) => l.id === unmatched.id)).toMatchObject({ match: "matched", registrationId: f.registrations[2].id });
    dataOf(await run(t.db, resolveAttendanceLineCommand, { lineId: unmatched.id, registrationId: null }, f.province));
    expect((await linesOf(f.session.id)).find((l) => l.id === unmatched.id)).toMatchObject({ match: "ignored", registrationId: null });
  });

  it("takes a PDF, JPG or PNG scan by its content only", async () => {
    const f = await withRegistrations();
    const exe = await run(t.db, uploadSignInScanCommand, { sessionId: f.session.id, file: fileOf(EXE_BYTES, "签到表.pdf", "application/pdf") }, f.province);
    expect(exe).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("PDF、JPG 或 PNG") } });
    dataOf(await run(t.db, uploadSignInScanCommand, { sessionId: f.session.id, file: fileOf(PDF_BYTES, "签到表.pdf", "application/pdf") }, f.province));
    const [scan] = await t.db.select().from(trainingSignInScans).where(eq(trainingSignInScans.sessionId, f.session.id));
    expect(scan).toMatchObject({ fileName: "签到表.pdf", mimeType: "application/pdf", size: PDF_BYTES.length, uploadedBy: f.province.userId });
  });

  it("closes only with the scan and every line resolved, marking present and absent, and then takes no more changes", async () => {
    const f = await withRegistrations();
    const close = () => run(t.db, closeSessionCommand, { sessionId: f.session.id }, f.province);
    expect(await close()).toMatchObject({ ok: false, formError: "请先上传签字后的签到表扫描件，再关闭场次。" });
    dataOf(await run(t.db, uploadSignInScanCommand, { sessionId: f.session.id, file: fileOf(PDF_BYTES, "签到表.pdf") }, f.province));
    expect(await close()).toMatchObject({ ok: false, formError: expect.stringContaining("还没有导入签到表") });
    dataOf(await importLines(f, typicalFile(f)));
    expect(await close()).toMatchObject({ ok: false, formError: expect.stringContaining("还有 1 行签到记录未能对应到报名人员") });
    const unmatched = (await linesOf(f.session.id)).find((l) => l.match === "unmatched")!;
    dataOf(await run(t.db, resolveAttendanceLineCommand, { lineId: unmatched.id, registrationId: null }, f.province));

    expect(dataOf(await close())).toEqual({ present: 2, absent: 1 });
    const registrations = await t.db.select().from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, f.session.id)).orderBy(trainingRegistrations.id);
    expect(registrations.map((r) => r.attendance)).toEqual(["present", "present", "absent"]);
    const [session] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, f.session.id));
    expect(session).toMatchObject({ closedBy: f.province.userId, version: f.session.version + 1 });
    expect(session.closedAt).not.toBeNull();

    expect(await importLines(f, typicalFile(f))).toMatchObject({ ok: false, formError: expect.stringContaining("已于") });
    expect(await run(t.db, resolveAttendanceLineCommand, { lineId: unmatched.id, registrationId: null }, f.province)).toMatchObject({ ok: false, formError: expect.stringContaining("不能再修改") });
    expect(await close()).toMatchObject({ ok: false });
  });

  it("is the province's: a city officer is refused", async () => {
    const f = await withRegistrations();
    expect(await run(t.db, closeSessionCommand, { sessionId: f.session.id }, f.city)).toMatchObject({ ok: false });
  });
});

describe("安排补训", () => {
  async function closedWithAbsent() {
    const f = await withRegistrations();
    dataOf(await run(t.db, uploadSignInScanCommand, { sessionId: f.session.id, file: fileOf(PDF_BYTES, "签到表.pdf") }, f.province));
    dataOf(await importLines(f, sheetFile([SIGN_IN_HEADER, [1, adminName(0), f.unitNames[0], adminPhone(0), "09:01"]])));
    dataOf(await run(t.db, closeSessionCommand, { sessionId: f.session.id }, f.province));
    const [remedial] = await t.db
      .insert(trainingSessions)
      .values({ ...withoutId(f.session), title: "系统集中培训（补训）", remedial: true, capacity: 1, closedAt: null, closedBy: null, version: 1 })
      .returning();
    return { ...f, remedial, absent: [f.registrations[1], f.registrations[2]] };
  }

  it("puts an absent registrant on the phase's 补训 session: the same person, approved, pointing at the absence", async () => {
    const f = await closedWithAbsent();
    dataOf(await run(t.db, scheduleRemedialCommand, { sessionId: f.remedial.id, registrationIds: [f.absent[0].id] }, f.province));
    const [made] = await t.db.select().from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, f.remedial.id));
    expect(made).toMatchObject({
      remedialOf: f.absent[0].id,
      state: "approved",
      attendance: "unknown",
      name: f.absent[0].name,
      phone: f.absent[0].phone,
      unitId: f.absent[0].unitId,
      submissionId: f.absent[0].submissionId,
      updatedBy: f.province.userId,
    });
    const again = await run(t.db, scheduleRemedialCommand, { sessionId: f.remedial.id, registrationIds: [f.absent[0].id] }, f.province);
    expect(again).toMatchObject({ ok: false, formError: expect.stringContaining("已安排过补训") });
  });

  it("checks the seats, that the chosen were absent, and that the session is a 补训 one", async () => {
    const f = await closedWithAbsent();
    const full = await run(t.db, scheduleRemedialCommand, { sessionId: f.remedial.id, registrationIds: f.absent.map((a) => a.id) }, f.province);
    expect(full).toMatchObject({ ok: false, formError: expect.stringContaining("只剩 1 个名额") });
    const present = await run(t.db, scheduleRemedialCommand, { sessionId: f.remedial.id, registrationIds: [f.registrations[0].id] }, f.province);
    expect(present).toMatchObject({ ok: false, formError: expect.stringContaining("不是本阶段已关闭场次的缺席人员") });
    const notRemedial = await run(t.db, scheduleRemedialCommand, { sessionId: f.sessions.onsite.id, registrationIds: [f.absent[0].id] }, f.province);
    expect(notRemedial).toMatchObject({ ok: false, formError: expect.stringContaining("不是补训场次") });
    expect(await t.db.select().from(trainingRegistrations).where(and(eq(trainingRegistrations.sessionId, f.remedial.id)))).toEqual([]);
  });

  it("shows on the page: the absent of the phase with their 补训, and the open 补训 sessions with their seats", async () => {
    const f = await closedWithAbsent();
    dataOf(await run(t.db, scheduleRemedialCommand, { sessionId: f.remedial.id, registrationIds: [f.absent[0].id] }, f.province));
    const page = (await getSessionAttendanceForActor({ db: t.db, actor: f.province, sessionId: f.session.id }))!;
    expect(page.session.closedAt).not.toBeNull();
    expect(page.registrations.map((r) => r.attendance)).toEqual(expect.arrayContaining(["present", "absent", "absent"]));
    expect(page.absent.map((a) => [a.id, a.remedialSession])).toEqual(
      expect.arrayContaining([
        [f.absent[0].id, "系统集中培训（补训）"],
        [f.absent[1].id, null],
      ]),
    );
    expect(page.remedialSessions).toEqual([expect.objectContaining({ id: f.remedial.id, free: 0 })]);
    expect(page.scan).toMatchObject({ fileName: "签到表.pdf" });
    expect(await getSessionAttendanceForActor({ db: t.db, actor: f.city, sessionId: f.session.id })).toBeNull();
  });
});
