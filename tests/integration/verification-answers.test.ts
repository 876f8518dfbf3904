// 数据核验's answers and 逐级确认: a school answers its own items (an error only by correcting it), each level confirms
// once everything below it has, the reporting unit's confirmation submits its submission and the province's approves it,
// and a level above returns an item, which unlocks the chain below it.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { discrepancies, discrepancyAttachments, emailOutbox, submissionEvents, submissions, verificationConfirmations } from "@/db/schema";
import { answerCommand } from "@/lib/verification/answers/commands";
import { approveCommand, confirmCommand, returnCommand } from "@/lib/verification/confirm/commands";
import { actorFor, auditOf, CITY_EMAIL, COUNTY_EMAIL, dataOf, EXE_BYTES, fileOf, freshSeededDatabaseEachTest, PDF_BYTES, REVIEWER_EMAIL, run, unitByCode } from "../support/actors";
import { confirmedDirectly, discrepancyOf, ruleOf, schoolStaffOf } from "../support/discrepancies";
import { publishedVerification } from "../support/verification";

const t = freshSeededDatabaseEachTest();

async function world() {
  const { campaign, province, submissions: opened } = await publishedVerification(t.db);
  const errorRule = await ruleOf(t.db, province.unitId, "error");
  const noticeRule = await ruleOf(t.db, province.unitId, "notice");
  const item = async (schoolCode: string, severity: "error" | "notice") =>
    discrepancyOf(t.db, { campaignId: campaign.id, unitId: (await unitByCode(t.db, schoolCode)).id, ruleId: severity === "error" ? errorRule.id : noticeRule.id, severity });
  const submissionOf = async (code: string) => {
    const unitId = (await unitByCode(t.db, code)).id;
    const found = opened.find((s) => s.unitId === unitId);
    if (!found) throw new Error(`no verification submission of ${code}`);
    return found;
  };
  return { campaign, item, submissionOf };
}

const current = async (id: number) => (await t.db.select().from(discrepancies).where(eq(discrepancies.id, id)))[0];
const submission = async (id: number) => (await t.db.select().from(submissions).where(eq(submissions.id, id)))[0];
const corrected = (d: { id: number; version: number }, value = "840") => ({ discrepancyId: d.id, expectedVersion: d.version, answer: "corrected", correctedValue: value });
const explained = (d: { id: number; version: number }, extra: Record<string, unknown> = {}) => ({ discrepancyId: d.id, expectedVersion: d.version, answer: "explained", explanation: "我校 2021 年新增 3 个专业，招生增加，数据属实。", ...extra });

describe("a school answers its items", () => {
  it("corrects an error, explains a notice with an attachment, and the answers are kept", async () => {
    const { item } = await world();
    const staff = await schoolStaffOf(t.db, "3613000001");
    const error = await item("3613000001", "error");
    const notice = await item("3613000001", "notice");
    expect(dataOf(await run(t.db, answerCommand, corrected(error), staff))).toEqual({ version: 2 });
    expect(await current(error.id)).toMatchObject({ state: "corrected", correctedValue: "840", answeredBy: staff.userId, version: 2 });
    dataOf(await run(t.db, answerCommand, explained(notice, { attachment: fileOf(PDF_BYTES, "说明.pdf", "application/pdf") }), staff));
    expect(await current(notice.id)).toMatchObject({ state: "explained", explanation: expect.stringContaining("新增"), version: 2 });
    const [file] = await t.db.select().from(discrepancyAttachments).where(eq(discrepancyAttachments.discrepancyId, notice.id));
    expect(file).toMatchObject({ fileName: "说明.pdf", mimeType: "application/pdf", size: PDF_BYTES.length });
  });

  it("refuses to clear an error by an explanation, an attachment that is not PDF/JPG/PNG/XLSX, and answers missing their value", async () => {
    const { item } = await world();
    const staff = await schoolStaffOf(t.db, "3613000001");
    const error = await item("3613000001", "error");
    const notice = await item("3613000001", "notice");
    expect(await run(t.db, answerCommand, explained(error), staff)).toMatchObject({ ok: false, fieldErrors: { answer: expect.stringContaining("须在源系统中更正") } });
    expect(await run(t.db, answerCommand, explained(notice, { attachment: fileOf(EXE_BYTES, "说明.pdf") }), staff)).toMatchObject({ ok: false, fieldErrors: { attachment: expect.stringContaining("PDF、JPG、PNG 或 XLSX") } });
    expect(await run(t.db, answerCommand, { ...corrected(error), correctedValue: " " }, staff)).toMatchObject({ ok: false, fieldErrors: { correctedValue: expect.any(String) } });
    expect(await run(t.db, answerCommand, explained(notice, { explanation: "长".repeat(1001) }), staff)).toMatchObject({ ok: false, fieldErrors: { explanation: expect.stringContaining("1000") } });
    expect(await current(error.id)).toMatchObject({ state: "open", version: 1 });
    expect(await current(notice.id)).toMatchObject({ state: "open", version: 1 });
  });

  it("refuses a stale answer, naming who answered", async () => {
    const { item } = await world();
    const staff = await schoolStaffOf(t.db, "3613000001");
    const error = await item("3613000001", "error");
    dataOf(await run(t.db, answerCommand, corrected(error), staff));
    const stale = await run(t.db, answerCommand, corrected(error, "841"), staff);
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("另一窗口") });
    expect((await current(error.id)).correctedValue).toBe("840");
  });

  it("answers another school's item 404, audited as denied, writing nothing", async () => {
    const { item } = await world();
    const staff = await schoolStaffOf(t.db, "3613000001");
    const other = await item("3613010002", "error");
    expect(await run(t.db, answerCommand, corrected(other), staff)).toMatchObject({ ok: false, notFound: true });
    expect((await auditOf(t.db, "verification.answer")).at(-1)).toMatchObject({ outcome: "denied", detail: { reason: "not_found" } });
    expect(await current(other.id)).toMatchObject({ state: "open", version: 1 });
  });
});

describe("逐级确认", () => {
  it("a province-affiliated school confirms once its items are settled, which submits its submission; the province's confirmation approves it", async () => {
    const { item, submissionOf } = await world();
    const staff = await schoolStaffOf(t.db, "3613000001");
    const own = await submissionOf("3613000001");
    const error = await item("3613000001", "error");
    expect(await run(t.db, confirmCommand, { submissionId: own.id }, staff)).toMatchObject({ ok: false, formError: expect.stringContaining("还有 1 项问题未按要求处理") });
    dataOf(await run(t.db, answerCommand, corrected(error), staff));
    expect(dataOf(await run(t.db, confirmCommand, { submissionId: own.id }, staff))).toEqual({ submitted: true });
    expect(await submission(own.id)).toMatchObject({ status: "submitted", submittedAt: expect.any(Date) });
    expect(await t.db.select({ action: submissionEvents.action }).from(submissionEvents).where(eq(submissionEvents.submissionId, own.id))).toEqual([{ action: "submitted" }]);
    // Confirmed: its items are locked.
    expect(await run(t.db, answerCommand, corrected(await current(error.id), "841"), staff)).toMatchObject({ ok: false, formError: expect.stringContaining("已锁定") });
    expect(await run(t.db, confirmCommand, { submissionId: own.id }, staff)).toMatchObject({ ok: false, formError: expect.stringContaining("无需重复确认") });

    const reviewer = await actorFor(t.db, REVIEWER_EMAIL);
    const { version } = await submission(own.id);
    expect(await run(t.db, approveCommand, { submissionId: own.id, expectedVersion: version - 1 }, reviewer)).toMatchObject({ ok: false, formError: expect.stringContaining("修改") });
    dataOf(await run(t.db, approveCommand, { submissionId: own.id, expectedVersion: version }, reviewer));
    expect(await submission(own.id)).toMatchObject({ status: "approved" });
    // Approved: not even the province returns it.
    expect(await run(t.db, returnCommand, { discrepancyId: error.id, expectedVersion: 2, reason: "请核实。" }, reviewer)).toMatchObject({ ok: false, formError: expect.stringContaining("已由省级确认") });
  });

  it("the province cannot confirm a reporting unit that has not confirmed", async () => {
    const { submissionOf } = await world();
    const own = await submissionOf("1301");
    const reviewer = await actorFor(t.db, REVIEWER_EMAIL);
    expect(await run(t.db, approveCommand, { submissionId: own.id, expectedVersion: own.version }, reviewer)).toMatchObject({ ok: false, formError: expect.stringContaining("尚未确认") });
  });

  it("a county waits for its schools and a city for its counties and schools; the city's confirmation submits 石家庄's submission", async () => {
    const { campaign, item, submissionOf } = await world();
    const sjz = await submissionOf("1301");
    const staff = await schoolStaffOf(t.db, "3613010002");
    const county = await actorFor(t.db, COUNTY_EMAIL);
    const city = await actorFor(t.db, CITY_EMAIL);
    const notice = await item("3613010002", "notice");

    expect(await run(t.db, confirmCommand, { submissionId: sjz.id }, county)).toMatchObject({ ok: false, formError: expect.stringContaining("等待下级确认 1 / 1：「长安区示例职业中学」") });
    dataOf(await run(t.db, answerCommand, explained(notice), staff));
    dataOf(await run(t.db, confirmCommand, { submissionId: sjz.id }, staff));
    expect(await submission(sjz.id)).toMatchObject({ status: "draft" });
    dataOf(await run(t.db, confirmCommand, { submissionId: sjz.id }, county));
    // 石家庄's children: its own school, and the counties with a school (长安区, 正定县); counties without one wait on nothing.
    expect(await run(t.db, confirmCommand, { submissionId: sjz.id }, city)).toMatchObject({ ok: false, formError: expect.stringContaining("等待下级确认 2 / 3") });
    await confirmedDirectly(t.db, campaign.id, [(await unitByCode(t.db, "3613010001")).id, (await unitByCode(t.db, "130123")).id]);
    expect(dataOf(await run(t.db, confirmCommand, { submissionId: sjz.id }, city))).toEqual({ submitted: true });
    expect(await submission(sjz.id)).toMatchObject({ status: "submitted" });
  });

  it("a return by the city sends the item back and removes the school's, the county's and its own confirmation; the county cannot return under a confirmed city", async () => {
    const { campaign, item, submissionOf } = await world();
    const sjz = await submissionOf("1301");
    const staff = await schoolStaffOf(t.db, "3613010002");
    const county = await actorFor(t.db, COUNTY_EMAIL);
    const city = await actorFor(t.db, CITY_EMAIL);
    const notice = await item("3613010002", "notice");
    dataOf(await run(t.db, answerCommand, explained(notice), staff));
    dataOf(await run(t.db, confirmCommand, { submissionId: sjz.id }, staff));
    dataOf(await run(t.db, confirmCommand, { submissionId: sjz.id }, county));
    await confirmedDirectly(t.db, campaign.id, [(await unitByCode(t.db, "3613010001")).id, (await unitByCode(t.db, "130123")).id]);
    dataOf(await run(t.db, confirmCommand, { submissionId: sjz.id }, city));

    expect(await run(t.db, returnCommand, { discrepancyId: notice.id, expectedVersion: 2, reason: "说明过于简单。" }, county)).toMatchObject({ ok: false, formError: expect.stringContaining("「石家庄市教育局」已确认") });
    expect(await run(t.db, returnCommand, { discrepancyId: notice.id, expectedVersion: 1, reason: "说明过于简单。" }, city)).toMatchObject({ ok: false, formError: expect.stringContaining("孙丽") });
    dataOf(await run(t.db, returnCommand, { discrepancyId: notice.id, expectedVersion: 2, reason: "说明过于简单，请补充招生计划文件。" }, city));
    expect(await current(notice.id)).toMatchObject({ state: "returned", returnReason: "说明过于简单，请补充招生计划文件。", returnedBy: city.userId, version: 3 });
    const left = await t.db.select({ unitId: verificationConfirmations.unitId }).from(verificationConfirmations).where(eq(verificationConfirmations.campaignId, campaign.id));
    expect(left.map((c) => c.unitId).sort()).toEqual([(await unitByCode(t.db, "3613010001")).id, (await unitByCode(t.db, "130123")).id].sort());
    expect(await submission(sjz.id)).toMatchObject({ status: "returned", returnReason: "说明过于简单，请补充招生计划文件。" });
    const [mail] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.kind, "verification.item_returned"));
    expect(mail).toMatchObject({ toAddress: "staff-3613010002@test.baosong.cn", subject: expect.stringContaining("核验问题被退回") });
    expect(mail.text).toContain("说明过于简单，请补充招生计划文件。");

    // Unlocked: the school answers again and confirms again.
    dataOf(await run(t.db, answerCommand, explained(await current(notice.id), { explanation: "补充：见附件招生计划。", attachment: fileOf(PDF_BYTES, "招生计划.pdf") }), staff));
    dataOf(await run(t.db, confirmCommand, { submissionId: sjz.id }, staff));
    expect(await t.db.$count(verificationConfirmations, and(eq(verificationConfirmations.campaignId, campaign.id), eq(verificationConfirmations.unitId, staff.unitId)))).toBe(1);
  });

  it("refuses to return an item not yet answered, and 404s an item outside the actor's scope", async () => {
    const { item } = await world();
    const city = await actorFor(t.db, CITY_EMAIL);
    const open = await item("3613010002", "error");
    const tangshan = await item("3613020002", "error");
    expect(await run(t.db, returnCommand, { discrepancyId: open.id, expectedVersion: 1, reason: "请核实。" }, city)).toMatchObject({ ok: false, formError: expect.stringContaining("已答复") });
    expect(await run(t.db, returnCommand, { discrepancyId: tangshan.id, expectedVersion: 1, reason: "请核实。" }, city)).toMatchObject({ ok: false, notFound: true });
  });
});
