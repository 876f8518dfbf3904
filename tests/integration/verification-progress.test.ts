// What the 数据核验 pages read: a school's items for the school and the levels above it (nobody else), a level's
// 「等待下级确认 x / y」, and the attachment download, audited and scoped.
import { describe, expect, it } from "vitest";
import { performDownload } from "@/lib/downloads/audited";
import { answerCommand } from "@/lib/verification/answers/commands";
import { attachmentDownload } from "@/lib/verification/answers/downloads";
import { getSchoolItemsForActor } from "@/lib/verification/answers/queries";
import { confirmCommand } from "@/lib/verification/confirm/commands";
import { getProgressForActor } from "@/lib/verification/confirm/queries";
import { actorFor, auditOf, CITY_EMAIL, COUNTY_EMAIL, dataOf, fileOf, freshSeededDatabaseEachTest, NOW, PDF_BYTES, REVIEWER_EMAIL, run, TANGSHAN_EMAIL, unitByCode } from "../support/actors";
import { discrepancyOf, ruleOf, schoolStaffOf } from "../support/discrepancies";
import { publishedVerification } from "../support/verification";

const t = freshSeededDatabaseEachTest();

async function world() {
  const { campaign, province, submissions } = await publishedVerification(t.db);
  const rule = await ruleOf(t.db, province.unitId, "notice");
  const school = await unitByCode(t.db, "3613010002");
  const item = await discrepancyOf(t.db, { campaignId: campaign.id, unitId: school.id, ruleId: rule.id, severity: "notice" });
  return { campaign, school, item, submissions };
}

describe("the verification pages' reads", () => {
  it("shows a school its items with its answer form and 确认, its county 退回, and another city nothing", async () => {
    const { campaign, school, item } = await world();
    const staff = await schoolStaffOf(t.db, "3613010002");
    const own = await getSchoolItemsForActor({ db: t.db, actor: staff, campaignId: campaign.id, unitId: school.id });
    expect(own).toMatchObject({ school: { name: "长安区示例职业中学" }, mayAnswer: true, mayConfirm: true, mayReturn: false, items: [{ id: item.id, ruleName: "教学仪器设备总值为空", severity: "notice", state: "open" }] });
    const county = await actorFor(t.db, COUNTY_EMAIL);
    expect(await getSchoolItemsForActor({ db: t.db, actor: county, campaignId: campaign.id, unitId: school.id })).toMatchObject({ mayAnswer: false, mayConfirm: false, mayReturn: true });
    const tangshan = await actorFor(t.db, TANGSHAN_EMAIL);
    expect(await getSchoolItemsForActor({ db: t.db, actor: tangshan, campaignId: campaign.id, unitId: school.id })).toBeNull();
    const otherSchool = await schoolStaffOf(t.db, "3613010001");
    expect(await getSchoolItemsForActor({ db: t.db, actor: otherSchool, campaignId: campaign.id, unitId: school.id })).toBeNull();
  });

  it("counts the children still to confirm for a county, a city and the province", async () => {
    const { campaign, school, submissions } = await world();
    const county = await actorFor(t.db, COUNTY_EMAIL);
    expect(await getProgressForActor({ db: t.db, actor: county, campaignId: campaign.id })).toMatchObject({ waiting: 1, total: 1, mayConfirm: true, children: [{ unitId: school.id, open: 1, answered: 0, confirmedAt: null }] });
    const city = await actorFor(t.db, CITY_EMAIL);
    const cityView = await getProgressForActor({ db: t.db, actor: city, campaignId: campaign.id });
    expect(cityView).toMatchObject({ waiting: 3, total: 3 });
    expect(cityView?.children.map((c) => c.name)).toEqual(["长安区教育局", "正定县教育局", "石家庄市示例职业技术教育中心"]);
    const staff = await schoolStaffOf(t.db, "3613010002");
    const [item] = (await getSchoolItemsForActor({ db: t.db, actor: staff, campaignId: campaign.id, unitId: school.id }))!.items;
    dataOf(await run(t.db, answerCommand, { discrepancyId: item.id, expectedVersion: item.version, answer: "corrected", correctedValue: "12" }, staff));
    dataOf(await run(t.db, confirmCommand, { submissionId: cityView!.submissionId }, staff));
    expect(await getProgressForActor({ db: t.db, actor: county, campaignId: campaign.id })).toMatchObject({ waiting: 0, total: 1, children: [{ open: 0, answered: 1, confirmedAt: NOW }] });
    const reviewer = await actorFor(t.db, REVIEWER_EMAIL);
    const provinceView = await getProgressForActor({ db: t.db, actor: reviewer, campaignId: campaign.id });
    expect(provinceView).toMatchObject({ total: submissions.length, waiting: submissions.length, mayApprove: true, mayConfirm: false });
    // A city looks at its county's progress, but confirms only its own level; 唐山 sees neither.
    expect(await getProgressForActor({ db: t.db, actor: city, campaignId: campaign.id, unitId: county.unitId })).toMatchObject({ mayConfirm: false, level: { name: "长安区教育局" } });
    expect(await getProgressForActor({ db: t.db, actor: await actorFor(t.db, TANGSHAN_EMAIL), campaignId: campaign.id, unitId: county.unitId })).toBeNull();
  });

  it("hands out a 情况说明's attachment to the school and the levels above, audited, and to nobody else", async () => {
    const { campaign, item } = await world();
    const staff = await schoolStaffOf(t.db, "3613010002");
    dataOf(await run(t.db, answerCommand, { discrepancyId: item.id, expectedVersion: 1, answer: "explained", explanation: "属实。", attachment: fileOf(PDF_BYTES, "说明.pdf") }, staff));
    const download = (actor: Awaited<ReturnType<typeof actorFor>>) => performDownload({ db: t.db, actor, ip: null, now: NOW }, "verification.view_attachment", attachmentDownload(campaign.id, item.id));
    expect(await download(await actorFor(t.db, CITY_EMAIL))).toMatchObject({ fileName: "说明.pdf", contentType: "application/pdf" });
    expect(await download(await actorFor(t.db, TANGSHAN_EMAIL))).toBeNull();
    expect((await auditOf(t.db, "verification.view_attachment")).map((a) => a.outcome)).toEqual(expect.arrayContaining(["success"]));
  });
});
