import { and, eq, sql } from "drizzle-orm";
import { rosterEntries, submissionScans, units, users } from "@/db/schema";
import { DomainError, defineCommand, notFound } from "@/lib/authz/command";
import { FILLER_ROLES } from "@/lib/authz/roles";
import { isUnitInScope } from "@/lib/authz/scope";
import { recordEvent } from "@/lib/submissions/events";
import { assertVersion, lockSubmissionForWrite, updateSubmission } from "@/lib/submissions/lock";
import { isEditable } from "@/lib/submissions/workflow";
import { sniffScanType } from "./scan";
import { saveHeaderSchema, saveRowSchema, uploadScanSchema } from "./schemas";

const NOT_EDITABLE = "该报送已提交或已审核，表格不能修改。如需修改，请先撤回（审核开始前）或等待退回。";

const ROW_FIELDS = ["name", "position", "phone", "email", "schoolCode"] as const;

/** Saves one unit's administrator. Version-checked; a retried identical save changes nothing. */
export const saveRowCommand = defineCommand({
  name: "roster.save_row",
  roles: FILLER_ROLES,
  input: saveRowSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "filler" });
    if (!isEditable(submission)) throw new DomainError(NOT_EDITABLE);

    const [unit] = await tx.select().from(units).where(and(eq(units.id, input.unitId), eq(units.active, true)));
    if (!unit || !(await isUnitInScope(tx, { role: "city_officer", unitId: submission.unitId }, unit.id))) throw notFound();
    const isSchool = unit.kind === "school" || unit.kind === "college";
    if (isSchool && !input.schoolCode)
      throw new DomainError("", { fieldErrors: { schoolCode: "学校标识码：学校须填写 10 位学校标识码" } });
    if (!isSchool && input.schoolCode)
      throw new DomainError("", { fieldErrors: { schoolCode: "学校标识码：仅学校填写，教育行政部门请留空" } });

    const values = { name: input.name, position: input.position, phone: input.phone, email: input.email, schoolCode: input.schoolCode };
    const [existing] = await tx
      .select({ entry: rosterEntries, updatedByName: users.name })
      .from(rosterEntries)
      .leftJoin(users, eq(users.id, rosterEntries.updatedBy))
      .where(and(eq(rosterEntries.campaignId, submission.campaignId), eq(rosterEntries.unitId, unit.id)))
      .for("update", { of: rosterEntries });

    const changed = existing ? ROW_FIELDS.filter((f) => existing.entry[f] !== values[f]) : [...ROW_FIELDS];
    if (existing && changed.length === 0) return { version: existing.entry.version };
    if (existing) assertVersion({ ...existing.entry, updatedByName: existing.updatedByName }, input.expectedVersion, `「${unit.name}」这一行`);

    const [saved] = existing
      ? await tx
          .update(rosterEntries)
          .set({ ...values, version: sql`${rosterEntries.version} + 1`, updatedAt: now, updatedBy: actor.userId })
          .where(eq(rosterEntries.id, existing.entry.id))
          .returning()
      : await tx
          .insert(rosterEntries)
          .values({ ...values, campaignId: submission.campaignId, submissionId: submission.id, unitId: unit.id, updatedAt: now, updatedBy: actor.userId })
          .returning();
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "row.saved", at: now, detail: { unitId: unit.id, unitName: unit.name, changed } });
    target("roster_entry", saved.id, { submissionId: submission.id, unitId: unit.id, changed });
    return { version: saved.version };
  },
});

/** 填报人 and 联系电话 above the table. */
export const saveHeaderCommand = defineCommand({
  name: "roster.save_header",
  roles: FILLER_ROLES,
  input: saveHeaderSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "filler" });
    if (!isEditable(submission)) throw new DomainError(NOT_EDITABLE);
    const header = { fillerName: input.fillerName, fillerPhone: input.fillerPhone };
    if (submission.fillerName === header.fillerName && submission.fillerPhone === header.fillerPhone) return { version: submission.version, ...header };
    assertVersion(submission, input.expectedVersion, "填报人信息");
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now, set: header });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "header.saved", at: now });
    target("submission", submission.id);
    return { version, ...header };
  },
});

/** The printed, stamped table scanned back in; a new upload replaces the old one. */
export const uploadScanCommand = defineCommand({
  name: "roster.upload_scan",
  roles: FILLER_ROLES,
  input: uploadScanSchema,
  async run({ tx, actor, now, target }, input) {
    const submission = await lockSubmissionForWrite(tx, actor, input.submissionId, { as: "filler" });
    if (!isEditable(submission)) throw new DomainError(NOT_EDITABLE);
    assertVersion(submission, input.expectedVersion, "本报送");
    const content = Buffer.from(await input.file.arrayBuffer());
    const mimeType = sniffScanType(content);
    if (!mimeType)
      throw new DomainError("", { fieldErrors: { file: "扫描件须为 PDF、JPG 或 PNG 文件。该文件的内容不是这几种格式，请重新扫描或导出后上传。" } });
    const scan = { fileName: input.file.name.slice(0, 200) || "扫描件", mimeType, size: content.length, content, uploadedAt: now, uploadedBy: actor.userId };
    await tx
      .insert(submissionScans)
      .values({ submissionId: submission.id, ...scan })
      .onConflictDoUpdate({ target: submissionScans.submissionId, set: scan });
    const version = await updateSubmission(tx, { id: submission.id, actorId: actor.userId, now });
    await recordEvent(tx, { submissionId: submission.id, actorId: actor.userId, action: "scan.uploaded", at: now, detail: { fileName: scan.fileName, size: scan.size, mimeType } });
    target("submission", submission.id, { fileName: scan.fileName, size: scan.size, mimeType });
    return { version };
  },
});
