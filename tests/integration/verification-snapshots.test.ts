// 导入参考数据 and 新建任务 of kind 数据核验: the preview writes nothing, a commit writes every record or none as the next
// version, the same file again changes nothing, and only the province's administrator may do it.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, campaigns, referenceRecords, referenceSnapshots, verificationTasks } from "@/db/schema";
import { commitSnapshotCommand, previewSnapshotCommand } from "@/lib/verification/snapshots/commands";
import { latestSnapshotIds } from "@/lib/verification/snapshots/latest";
import { getVerificationTaskForAdmin } from "@/lib/verification/snapshots/queries";
import { createVerificationCommand } from "@/lib/verification/tasks/commands";
import { actorFor, CITY_EMAIL, dataOf, freshSeededDatabaseEachTest, REVIEWER_EMAIL, run, unitByCode } from "../support/actors";
import { PROVINCE_ADMIN_EMAIL } from "../support/training";
import { xlsxFrom } from "../unit/xlsx-fixtures";

const t = freshSeededDatabaseEachTest();

const HEADER = ["学校标识码", "学校名称", "在校生数", "专任教师数", "占地面积", "校舍建筑面积", "教学仪器设备总值", "图书"];
const SCHOOLS = [
  ["3613010002", "长安区示例职业中学", "1200", "80", "52000", "31000", "860", "12"],
  ["3613000001", "河北省示例机电工程学校", "3400", "210", "150000", "98000", "4200", "30"],
];

function fileOf(rows: string[][], name = "2021学年事业统计.xlsx"): File {
  return new File([new Uint8Array(xlsxFrom([{ name: "Sheet1", rows: [HEADER, ...rows] }]))], name);
}

async function withHash(input: { file: File } & Record<string, unknown>) {
  const province = await actorFor(t.db, PROVINCE_ADMIN_EMAIL);
  const preview = dataOf(await run(t.db, previewSnapshotCommand, input, province));
  return { ...input, fileHash: preview.fileHash, seen: "[]" };
}

const snapshotsOf = () => t.db.select().from(referenceSnapshots).orderBy(referenceSnapshots.version);

describe("导入参考数据", () => {
  it("previews without writing, then commits every record as version 1, and the next file as version 2", async () => {
    const province = await actorFor(t.db, PROVINCE_ADMIN_EMAIL);
    const input = { source: "statistics", schoolYear: "2021", file: fileOf(SCHOOLS) };
    const preview = dataOf(await run(t.db, previewSnapshotCommand, input, province));
    expect(preview.counts).toMatchObject({ new: 2, error: 0 });
    expect(preview.headings.find((h) => h.key === "students")).toEqual({ key: "students", label: "在校生数", readFrom: "在校生数" });
    expect(await snapshotsOf()).toEqual([]);

    const first = dataOf(await run(t.db, commitSnapshotCommand, await withHash(input), province));
    expect(first.snapshot).toMatchObject({ version: 1, unchanged: false });
    const [snapshot] = await snapshotsOf();
    expect(snapshot).toMatchObject({ ownerUnitId: province.unitId, source: "statistics", schoolYear: 2021, version: 1, records: 2, fileName: "2021学年事业统计.xlsx", importedBy: province.userId });
    const records = await t.db.select().from(referenceRecords).where(eq(referenceRecords.snapshotId, snapshot.id)).orderBy(referenceRecords.line);
    expect(records.map((r) => [r.schoolCode, r.line, r.fields.students])).toEqual([["3613010002", 2, 1200], ["3613000001", 3, 3400]]);

    const corrected = { ...input, file: fileOf([SCHOOLS[0], ["3613000001", "河北省示例机电工程学校", "3500", "210", "150000", "98000", "4200", "30"]]) };
    const second = dataOf(await run(t.db, commitSnapshotCommand, await withHash(corrected), province));
    expect(second.snapshot).toMatchObject({ version: 2, unchanged: false });
    expect(await latestSnapshotIds(t.db, province.unitId, 2021)).toEqual({ statistics: second.snapshot!.id });
    expect(await latestSnapshotIds(t.db, province.unitId, 2020)).toEqual({});
    // Another year of the same source starts at version 1.
    const lastYear = dataOf(await run(t.db, commitSnapshotCommand, await withHash({ ...input, schoolYear: "2020" }), province));
    expect(lastYear.snapshot).toMatchObject({ version: 1 });
  });

  it("changes nothing for the same file again, and says so in the preview and the commit", async () => {
    const province = await actorFor(t.db, PROVINCE_ADMIN_EMAIL);
    const input = { source: "statistics", schoolYear: "2021", file: fileOf(SCHOOLS) };
    const first = dataOf(await run(t.db, commitSnapshotCommand, await withHash(input), province));
    const again = dataOf(await run(t.db, previewSnapshotCommand, { ...input, file: fileOf(SCHOOLS, "再次.xlsx") }, province));
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2 });
    expect(again.notices[0]).toMatch(/已于 .* 导入为第 1 版，内容相同，再次导入不会有任何改变/);
    const committed = dataOf(await run(t.db, commitSnapshotCommand, await withHash(input), province));
    expect(committed.snapshot).toEqual({ ...first.snapshot, unchanged: true });
    expect(await snapshotsOf()).toHaveLength(1);
    expect(await t.db.select().from(referenceRecords)).toHaveLength(2);
  });

  it("writes nothing from a file with a row error, and refuses a commit of a file other than the one previewed", async () => {
    const province = await actorFor(t.db, PROVINCE_ADMIN_EMAIL);
    const bad = { source: "statistics", schoolYear: "2021", file: fileOf([...SCHOOLS, ["3613010002", "重复的学校", "1", "1", "1", "1", "1", "1"]]) };
    const preview = dataOf(await run(t.db, previewSnapshotCommand, bad, province));
    expect(preview.counts.error).toBe(2);
    const refused = await run(t.db, commitSnapshotCommand, { ...bad, fileHash: preview.fileHash, seen: "[]" }, province);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { file: expect.stringMatching(/未导入任何内容/) } });
    const swapped = await run(t.db, commitSnapshotCommand, { ...(await withHash({ source: "statistics", schoolYear: "2021", file: fileOf(SCHOOLS) })), file: fileOf(SCHOOLS.slice(0, 1)) }, province);
    expect(swapped).toMatchObject({ ok: false, formError: expect.stringMatching(/与预览时的文件不同/) });
    expect(await snapshotsOf()).toEqual([]);
    expect(await t.db.select().from(referenceRecords)).toEqual([]);
  });

  it("refuses a file without the source's required columns, naming them", async () => {
    const province = await actorFor(t.db, PROVINCE_ADMIN_EMAIL);
    const result = await run(t.db, previewSnapshotCommand, { source: "teachers", schoolYear: "2021", file: fileOf(SCHOOLS) }, province);
    expect(result).toMatchObject({ ok: false, fieldErrors: { file: expect.stringMatching(/缺少 「教职工数」 列/) } });
  });

  it("is the province administrator's only", async () => {
    for (const email of [CITY_EMAIL, REVIEWER_EMAIL]) {
      const other = await actorFor(t.db, email);
      const result = await run(t.db, previewSnapshotCommand, { source: "statistics", schoolYear: "2021", file: fileOf(SCHOOLS) }, other);
      expect(result).toMatchObject({ ok: false });
    }
    expect(await snapshotsOf()).toEqual([]);
  });
});

describe("新建任务 of kind 数据核验", () => {
  it("saves a draft with its school year, which the overview shows with the latest snapshots of that year and the year before", async () => {
    const province = await actorFor(t.db, PROVINCE_ADMIN_EMAIL);
    const input = {
      title: "关于开展数据核验工作的通知",
      docNumber: "冀教办函〔2021〕30号",
      issuer: "河北省教育厅办公室",
      body: "请逐校核验。",
      contacts: [],
      tableNotes: "",
      deadlineDate: "2021-12-10",
      deadlineTime: "17:00",
      reminders: [{ when: "before", amount: 1, unit: "day" }],
      unitIds: [(await unitByCode(t.db, "1301")).id],
      schoolYear: "2021",
    };
    const { campaignId } = dataOf(await run(t.db, createVerificationCommand, input, province));
    const [campaign] = await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(campaign).toMatchObject({ kind: "verification", status: "draft" });
    expect(await t.db.select().from(verificationTasks).where(eq(verificationTasks.campaignId, campaignId))).toEqual([{ campaignId, schoolYear: 2021 }]);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "verification.create"));
    expect(audit).toMatchObject({ outcome: "success", targetId: String(campaignId) });

    const refused = await run(t.db, createVerificationCommand, { ...input, docNumber: "冀教办函〔2021〕31号", schoolYear: "" }, province);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { schoolYear: "核验学年：请选择" } });

    await run(t.db, commitSnapshotCommand, await withHash({ source: "statistics", schoolYear: "2020", file: fileOf(SCHOOLS) }), province);
    const overview = await getVerificationTaskForAdmin({ db: t.db, actor: province, campaignId });
    expect(overview?.schoolYear).toBe(2021);
    expect(overview?.snapshots[2021]).toEqual({});
    expect(overview?.snapshots[2020].statistics).toMatchObject({ version: 1, records: 2 });
  });
});
