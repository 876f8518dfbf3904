// 等保 audit of reads: the mailbox, an email, the print sheet, the stamped scan and an audit search each leave a row.
import { describe, expect, it } from "vitest";
import { getAuditPage } from "@/lib/audit/queries";
import { parseAuditFilter } from "@/lib/audit/schemas";
import { sendPasswordReset } from "@/lib/accounts/password-reset";
import { getEmailByIdForActor, getMailboxByActor } from "@/lib/mailbox/queries";
import { getPrintSheetForActor } from "@/lib/roster/queries";
import { uploadScanCommand } from "@/lib/roster/commands";
import { DEMO_LOGINS } from "@/db/seed";
import type { Actor } from "@/lib/core/actor";
import { actorFor, auditOf, CITY_EMAIL, dataOf, fileOf, freshSeededDatabaseEachTest, NOW, PDF_BYTES, run, SHIJIAZHUANG, submissionOf, TANGSHAN_EMAIL } from "../support/actors";

const world = freshSeededDatabaseEachTest();
const IP = "10.1.2.3";
const emailOf = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;

/** The one audit row `action` wrote: who, from where, when, what. */
async function onlyAudit(action: string, actor: Actor) {
  const rows = await auditOf(world.db, action);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ outcome: "success", userId: actor.userId, role: actor.role, unitId: actor.unitId, ip: IP, at: NOW });
  return rows[0];
}

describe("reads that are audited", () => {
  it("the mailbox list and each email", async () => {
    const { db } = world;
    const admin = await actorFor(db, emailOf("province_admin"));
    const officer = await actorFor(db, CITY_EMAIL);
    await db.transaction((tx) => sendPasswordReset(tx, { user: { id: officer.userId, email: officer.email, name: officer.name, unitId: officer.unitId }, actorId: admin.userId, now: NOW }));

    const mailbox = await getMailboxByActor({ db, actor: admin, status: "pending", page: 1, ip: IP, now: NOW });
    expect(mailbox?.emails).toHaveLength(1);
    expect((await onlyAudit("mail.list", admin)).detail).toEqual({ access: "all", status: "pending", page: 1 });

    const emailId = mailbox!.emails[0].id;
    expect(await getEmailByIdForActor({ db, actor: admin, emailId, ip: IP, now: NOW })).not.toBeNull();
    const read = await onlyAudit("mail.read", admin);
    expect(read).toMatchObject({ targetType: "email", targetId: String(emailId), detail: { kind: "password_reset", to: CITY_EMAIL, linkShown: false } });

    // Someone who may not read the mailbox reads nothing, and nothing is recorded as read.
    expect(await getMailboxByActor({ db, actor: officer, status: null, page: 1, ip: IP, now: NOW })).toBeNull();
    expect(await auditOf(db, "mail.list")).toHaveLength(1);
  });

  // Opening the stamped scan is audited as a download (roster.test.ts).
  it("the print sheet", async () => {
    const { db } = world;
    const officer = await actorFor(db, CITY_EMAIL);
    const submission = await submissionOf(db, SHIJIAZHUANG);
    dataOf(await run(db, uploadScanCommand, { submissionId: submission.id, expectedVersion: submission.version, file: fileOf(PDF_BYTES, "盖章表.pdf") }, officer));

    expect(await getPrintSheetForActor({ db, actor: officer, submissionId: submission.id, ip: IP, now: NOW })).not.toBeNull();
    expect(await onlyAudit("roster.print", officer)).toMatchObject({ targetType: "submission", targetId: String(submission.id) });

    // Another city's officer gets nothing, and no read is recorded for it.
    const other = await actorFor(db, TANGSHAN_EMAIL);
    expect(await getPrintSheetForActor({ db, actor: other, submissionId: submission.id, ip: IP, now: NOW })).toBeNull();
    expect(await auditOf(db, "roster.print")).toHaveLength(1);
  });

  it("an audit search, with what was searched for", async () => {
    const { db } = world;
    const auditor = await actorFor(db, emailOf("auditor"));
    const filter = parseAuditFilter({ action: "user.", outcome: "denied" });
    await getAuditPage({ db, actor: auditor, filter, ip: IP, now: NOW });
    expect((await onlyAudit("audit.search", auditor)).detail).toEqual({ search: { action: "user.", outcome: "denied" }, page: 1, total: 0 });
  });
});
