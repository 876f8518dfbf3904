// What the verification tests share: a published verification task of the province for the 2021 school year, assigned
// to the seeded roster task's reporting units.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/index";
import { campaignAssignments, campaigns, submissions } from "@/db/schema";
import { publishCampaign } from "@/lib/campaigns/lifecycle";
import { createVerificationCampaign } from "@/lib/verification/lifecycle";
import { actorFor, DEADLINE, NOW } from "./actors";
import { PROVINCE_ADMIN_EMAIL } from "./training";

export const VERIFICATION_YEAR = 2021;

export async function publishedVerification(db: Db, now = NOW) {
  const province = await actorFor(db, PROVINCE_ADMIN_EMAIL);
  const [roster] = await db.select().from(campaigns).where(eq(campaigns.kind, "roster")).limit(1);
  const unitIds = (await db.select({ unitId: campaignAssignments.unitId }).from(campaignAssignments).where(eq(campaignAssignments.campaignId, roster.id))).map((a) => a.unitId);
  const campaign = await db.transaction(async (tx) => {
    const created = await createVerificationCampaign(tx, {
      title: "关于开展中等职业学校管理信息系统数据核验工作的通知",
      docNumber: "冀教办函〔2021〕26号",
      issuer: "河北省教育厅办公室",
      body: "请各单位对照学校（机构）代码、教育事业统计、学生系统和教师系统数据逐校核验，更正或说明差异后逐级确认。",
      contacts: [],
      tableNotes: [],
      deadline: new Date(DEADLINE.getTime() + 14 * 24 * 3600_000),
      reminderOffsets: [-1440],
      ownerUnitId: province.unitId,
      unitIds,
      schoolYear: VERIFICATION_YEAR,
    });
    await publishCampaign(tx, created.id, province.unitId, now);
    return created;
  });
  const tables = await db.select().from(submissions).where(eq(submissions.campaignId, campaign.id));
  return { campaign, province, submissions: tables };
}
