import { eq, sql } from "drizzle-orm";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/index";
import { auditLog, campaigns, emailOutbox, privacyAcceptances, rosterEntries, submissions, submissionScans, submissionSnapshots, trainingAttendanceLines, trainingRegistrations, trainingSignInScans } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify";
import { attemptLogin } from "@/lib/auth/login";
import { getSignedInBySession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/core/actor";
import { ExportReasonRequired, performDownload } from "@/lib/downloads/audited";
import { acceptPrivacyNoticeCommand, NOTICE_CHANGED_MESSAGE } from "@/lib/privacy/commands";
import { maskEmail, maskPhone } from "@/lib/privacy/mask";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";
import { purgeExpiredPersonalData } from "@/lib/privacy/retention";
import { getPrintSheetForActor, getWorkspaceForActor } from "@/lib/roster/queries";
import { revealContactsCommand } from "@/lib/roster/reveal/commands";
import { getReviewForActor } from "@/lib/review/queries";
import { submitCommand } from "@/lib/submissions/commands";
import { previewImportCommand } from "@/lib/xlsx/commands";
import { provinceExport, submissionExport } from "@/lib/xlsx/exports";
import { addActiveUser } from "../support/accounts";
import { actorFor, auditOf, CHANGAN, CITY_EMAIL, COUNTY_EMAIL, dataOf, fileOf, fillEveryRow, FIRST_PAGE, freshSeededDatabaseEachTest, NOW, REVIEWER_EMAIL, run, saveHeader, SHIJIAZHUANG, submissionById, submissionOf, unitByCode, uploadScan } from "../support/actors";
import { publishedTraining } from "../support/training";
import { HEADER, sheetValues } from "../unit/xlsx-fixtures";

const world = freshSeededDatabaseEachTest();
const DAY = 24 * 60 * 60 * 1000;

/** 石家庄's table filled (admin{i}@example.com, 13800138000), signed, scanned and submitted by the city's filler. */
async function submittedCityTable(db: Db) {
  const city = await actorFor(db, CITY_EMAIL);
  const { id } = await submissionOf(db, SHIJIAZHUANG);
  await fillEveryRow(db, city, id);
  await saveHeader(db, city, id);
  await uploadScan(db, city, id);
  const { version } = await submissionById(db, id);
  dataOf(await run(db, submitCommand, { submissionId: id, expectedVersion: version }, city));
  return { city, id };
}

const download = (db: Db, actor: Actor, build: Parameters<typeof performDownload>[2], reason?: string) =>
  performDownload({ db, actor, ip: "127.0.0.1", now: NOW, reason }, "xlsx.export_submission", build);

describe("masking", () => {
  it("masks the format as the notice shows it", () => {
    expect(maskPhone("13800138000")).toBe("138****8000");
    expect(maskPhone("0311-66005705")).toBe("031****5705");
    expect(maskEmail("zhang@sjz.example.cn")).toBe("z***@sjz.example.cn");
  });

  it("shows the filler its whole table, a county its own row only in full, the reviewer everything masked, and the print sheet complete", async () => {
    const { db } = world;
    const { city, id } = await submittedCityTable(db);
    const full = (await getWorkspaceForActor({ db, actor: city, submissionId: id, view: FIRST_PAGE }))!;
    expect(full.table.rows.every((r) => !r.contactMasked && r.entry?.phone === "13800138000")).toBe(true);
    expect(full.submission.fillerPhone).toBe("0311-66005705");

    const county = await actorFor(db, COUNTY_EMAIL);
    const changan = await unitByCode(db, CHANGAN);
    const countyView = (await getWorkspaceForActor({ db, actor: county, submissionId: id, view: FIRST_PAGE }))!;
    const own = countyView.table.rows.find((r) => r.unitId === changan.id)!;
    expect(own.entry?.phone).toBe("13800138000");
    const others = countyView.table.rows.filter((r) => r.unitId !== changan.id && r.entry);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((r) => r.contactMasked && r.entry!.phone === "138****8000" && /^a\*\*\*@example\.com$/.test(r.entry!.email))).toBe(true);

    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const review = (await getReviewForActor({ db, actor: reviewer, submissionId: id }))!;
    expect(review.table.rows.filter((r) => r.entry).every((r) => r.contactMasked && r.entry!.phone === "138****8000")).toBe(true);
    expect(review.submission.fillerPhone).toBe("031****5705");
    // Nothing of the full values is in what the page hands to the browser.
    expect(JSON.stringify(review)).not.toContain("13800138000");

    const print = (await getPrintSheetForActor({ db, actor: reviewer, submissionId: id, ip: "127.0.0.1", now: NOW }))!;
    expect(print.rows.filter((r) => r.entry).every((r) => r.entry!.phone === "13800138000")).toBe(true);
  });
});

describe("「查看完整信息」", () => {
  it("returns the full values with a reason and audits it; without a reason it is refused next to the field", async () => {
    const { db } = world;
    const { id } = await submittedCityTable(db);
    const reviewer = await actorFor(db, REVIEWER_EMAIL);

    const refused = await run(db, revealContactsCommand, { submissionId: id, reason: " " }, reviewer);
    expect(refused).toEqual({ ok: false, fieldErrors: { reason: "请填写查看原因" } });

    const revealed = dataOf(await run(db, revealContactsCommand, { submissionId: id, reason: "核对联系电话以便电话联系" }, reviewer));
    expect(revealed.fillerPhone).toBe("0311-66005705");
    expect(revealed.rows.length).toBeGreaterThan(1);
    expect(revealed.rows.every((r) => r.phone === "13800138000" && /^admin\d+@example\.com$/.test(r.email))).toBe(true);
    const audits = await auditOf(db, "roster.reveal_contacts");
    expect(audits.map((a) => [a.outcome, a.userId, a.targetId, a.detail])).toEqual([
      ["rejected", reviewer.userId, null, expect.objectContaining({ reason: "invalid_input" })],
      ["success", reviewer.userId, String(id), { reason: "核对联系电话以便电话联系", rows: revealed.rows.length }],
    ]);
  });

  it("reveals to a county only the rows it may see", async () => {
    const { db } = world;
    const { id } = await submittedCityTable(db);
    const county = await actorFor(db, COUNTY_EMAIL);
    const visible = (await getWorkspaceForActor({ db, actor: county, submissionId: id, view: FIRST_PAGE }))!.table.rows.filter((r) => r.entry).map((r) => r.unitId);
    const revealed = dataOf(await run(db, revealContactsCommand, { submissionId: id, reason: "联系本县学校管理员" }, county));
    expect(revealed.rows.map((r) => r.unitId)).toEqual(visible);
  });
});

describe("exports of personal data", () => {
  it("refuses over 50 rows without a reason (audited), and with one carries who and when in the header of every sheet", async () => {
    const { db } = world;
    await submittedCityTable(db);
    const reviewer = await actorFor(db, REVIEWER_EMAIL);
    const campaignId = (await submissionOf(db, SHIJIAZHUANG)).campaignId;

    await expect(download(db, reviewer, provinceExport(campaignId))).rejects.toBeInstanceOf(ExportReasonRequired);
    const [refusal] = await auditOf(db, "xlsx.export_submission");
    expect(refusal).toMatchObject({ outcome: "rejected", detail: { reason: "export_reason_required" } });
    expect((refusal.detail as { rows: number }).rows).toBeGreaterThan(50);

    const file = (await download(db, reviewer, provinceExport(campaignId), "报送教育部汇总"))!;
    const workbook = XLSX.read(file.content, { type: "buffer" });
    const watermark = `导出人：${reviewer.name}（${reviewer.unitName}，${reviewer.email}）　导出时间：2025年3月3日 10:00`;
    for (const name of workbook.SheetNames) {
      // Under the sheet's title, above its header.
      const [, lead] = XLSX.utils.sheet_to_json<string[]>(workbook.Sheets[name], { header: 1 });
      expect(lead[0], name).toContain(watermark);
    }
    const [, success] = await auditOf(db, "xlsx.export_submission");
    expect(success).toMatchObject({ outcome: "success", detail: { reason: "报送教育部汇总", rows: (refusal.detail as { rows: number }).rows } });
  });

  it("a filled table exported with its watermark imports again unchanged", async () => {
    const { db } = world;
    const city = await actorFor(db, CITY_EMAIL);
    const { id } = await submissionOf(db, SHIJIAZHUANG);
    const rows = await fillEveryRow(db, city, id);
    const file = (await download(db, city, submissionExport(id), rows > 50 ? "核对本市名单" : undefined))!;
    const values = sheetValues(file.content);
    expect(values[4][0]).toMatch(/^导出人：.*导出时间：2025年3月3日 10:00/);
    expect(values[5]).toEqual(HEADER);

    const outcome = dataOf(await run(db, previewImportCommand, { submissionId: id, file: fileOf(file.content, file.fileName) }, city));
    expect(outcome.counts).toMatchObject({ unchanged: rows, error: 0, new: 0, changed: 0 });
    expect(outcome.droppedColumns).toEqual([]);
  });
});

describe("the privacy notice", () => {
  it("holds a first sign-in until the current version is accepted, records it and audits it", async () => {
    const { db } = world;
    const password = "Kp4$wq9!Lm2z";
    const { email } = await addActiveUser(db, { role: "city_officer", password, passwordChangedAt: NOW, prefix: "notice", acceptedNotice: false });
    const opened = await attemptLogin({ db, email, password, ip: "10.0.0.5", userAgent: "vitest", now: NOW });
    if (!opened.ok) throw new Error("login failed");
    const signedIn = (await getSignedInBySession({ db, sessionId: opened.sessionId, now: NOW }))!;
    expect(signedIn.gate).toBe("privacy_notice");

    expect(await run(db, acceptPrivacyNoticeCommand, { version: "2020-01-01" }, signedIn.actor)).toEqual({ ok: false, formError: NOTICE_CHANGED_MESSAGE });
    dataOf(await run(db, acceptPrivacyNoticeCommand, { version: PRIVACY_NOTICE_VERSION }, signedIn.actor));
    expect((await getSignedInBySession({ db, sessionId: opened.sessionId, now: NOW }))!.gate).toBeNull();
    expect(await db.select().from(privacyAcceptances).where(eq(privacyAcceptances.userId, signedIn.actor.userId))).toEqual([
      { userId: signedIn.actor.userId, version: PRIVACY_NOTICE_VERSION, acceptedAt: NOW },
    ]);
    expect((await auditOf(db, "privacy.accept_notice")).map((a) => [a.outcome, a.detail])).toEqual([
      ["rejected", expect.objectContaining({ message: NOTICE_CHANGED_MESSAGE })],
      ["success", { version: PRIVACY_NOTICE_VERSION }],
    ]);
  });
});

describe("extra uploaded columns", () => {
  it("drops 身份证号 and the like unread and names them", async () => {
    const { db } = world;
    const city = await actorFor(db, CITY_EMAIL);
    const { id } = await submissionOf(db, SHIJIAZHUANG);
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      workbook,
      XLSX.utils.aoa_to_sheet([
        [...HEADER, "身份证号", "家庭住址"],
        ["石家庄市教育局", "", "王伟", "科长", "13800138000", "wangwei@example.com", "130102199001011234", "长安区某街道"],
      ]),
      "Sheet1",
    );
    const bytes = XLSX.write(workbook, { type: "buffer", bookType: "xlsx" }) as Buffer;
    const outcome = dataOf(await run(db, previewImportCommand, { submissionId: id, file: fileOf(bytes, "名单.xlsx") }, city));
    expect(outcome.droppedColumns).toEqual(["身份证号", "家庭住址"]);
    expect(JSON.stringify(outcome)).not.toContain("130102199001011234");
    const [audit] = await auditOf(db, "xlsx.preview_import");
    expect(audit?.detail).toMatchObject({ droppedColumns: ["身份证号", "家庭住址"] });
  });
});

describe("retention", () => {
  it("blanks the personal data of campaigns closed longer ago than the setting, once, audited, and removes no audit row", async () => {
    const { db } = world;
    const { id } = await submittedCityTable(db);
    const { campaignId } = await submissionById(db, id);
    await db.insert(emailOutbox).values({ toAddress: "admin0@example.com", subject: "提醒", text: "王伟 13800138000", html: "<p>王伟</p>", kind: "reminder", campaignId, status: "sent" });
    await db.update(campaigns).set({ status: "closed", closedAt: new Date(NOW.getTime() - 366 * DAY) }).where(eq(campaigns.id, campaignId));
    const auditRows = await db.$count(auditLog);

    // Not yet due at 367 days.
    expect(await purgeExpiredPersonalData({ db, now: NOW, days: 367 })).toEqual([]);
    expect(await db.$count(rosterEntries, sql`${rosterEntries.phone} <> ''`)).toBeGreaterThan(0);

    const [purged] = await purgeExpiredPersonalData({ db, now: NOW, days: 365 });
    expect(purged).toMatchObject({ campaignId, scans: 1, emails: 1, snapshots: 1 });
    expect(await db.$count(rosterEntries, sql`${rosterEntries.name} <> '' or ${rosterEntries.phone} <> '' or ${rosterEntries.email} <> ''`)).toBe(0);
    expect(await db.$count(rosterEntries)).toBe(purged.entries);
    const [submission] = await db.select().from(submissions).where(eq(submissions.id, id));
    expect([submission.fillerName, submission.fillerPhone]).toEqual([null, null]);
    expect(await db.$count(submissionScans)).toBe(0);
    const [snapshot] = await db.select().from(submissionSnapshots).where(eq(submissionSnapshots.submissionId, id));
    expect(snapshot.rows.every((r) => r.name === "" && r.phone === "" && r.email === "" && r.unitName)).toBe(true);
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.campaignId, campaignId));
    expect([mail.toAddress, mail.text, mail.html]).toEqual(["", "", ""]);

    const [audit] = await auditOf(db, "privacy.purge_campaign");
    expect(audit).toMatchObject({ outcome: "success", targetType: "campaign", targetId: String(campaignId), detail: { retentionDays: 365, entries: purged.entries } });
    expect(await db.$count(auditLog)).toBe(auditRows + 1);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });

    // Done once: a second run finds nothing.
    expect(await purgeExpiredPersonalData({ db, now: new Date(NOW.getTime() + DAY), days: 365 })).toEqual([]);
  });

  it("blanks a closed training task's 回执 and 签到表 lines and deletes its scans", async () => {
    const { db } = world;
    const { campaign, citySubmission, sessions, city } = await publishedTraining(db);
    const [registration] = await db
      .insert(trainingRegistrations)
      .values({ campaignId: campaign.id, submissionId: citySubmission.id, sessionId: sessions.online.id, unitId: city.unitId, name: "韩雪梅", position: "科员", phone: "13907310999", email: "hxm@example.com", substituteReason: "原管理员出差" })
      .returning();
    await db.insert(trainingAttendanceLines).values({ sessionId: sessions.online.id, line: 2, name: "韩雪梅", phone: "13907310999", unitName: "石家庄市教育局", match: "matched", registrationId: registration.id });
    await db.insert(trainingSignInScans).values({ sessionId: sessions.online.id, fileName: "签到表.pdf", mimeType: "application/pdf", size: 4, content: Buffer.from("%PDF") });
    await db.update(campaigns).set({ status: "closed", closedAt: new Date(NOW.getTime() - 366 * DAY) }).where(eq(campaigns.id, campaign.id));

    const purged = (await purgeExpiredPersonalData({ db, now: NOW, days: 365 })).find((p) => p.campaignId === campaign.id);
    expect(purged).toMatchObject({ registrations: 1, attendanceLines: 1, signInScans: 1 });
    const [blanked] = await db.select().from(trainingRegistrations).where(eq(trainingRegistrations.id, registration.id));
    expect([blanked.name, blanked.phone, blanked.email, blanked.substituteReason]).toEqual(["", "", "", null]);
    const [line] = await db.select().from(trainingAttendanceLines).where(eq(trainingAttendanceLines.sessionId, sessions.online.id));
    expect([line.name, line.phone, line.unitName]).toEqual(["", null, null]);
    expect(await db.$count(trainingSignInScans)).toBe(0);
  });
});
