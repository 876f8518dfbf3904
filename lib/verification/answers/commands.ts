import { eq, sql } from "drizzle-orm";
import { discrepancies, discrepancyAttachments } from "@/db/schema";
import { attachmentFileName } from "@/lib/campaigns/attachments";
import { defineCommand } from "@/lib/core/command";
import { DomainError, notFound } from "@/lib/core/errors";
import { lockSubmissionForWrite } from "@/lib/submissions/lock";
import { formatDateTime } from "@/lib/time";
import { confirmationOf, reportingSubmissionOf } from "../confirm/levels";
import { assertDiscrepancyVersion, lockDiscrepancy } from "./discrepancy";
import { mayExplain, sniffAnswerAttachment } from "./rules";
import { answerSchema } from "./schemas";

/**
 * 答复: the school's own item only (another school's is not found). 「已在源系统更正」 records the corrected value;
 * 「情况说明」 the text and, when given, an attachment (without one, an earlier attachment stays). A 错误 is answered by
 * correcting it only. Once the school has confirmed, its items are locked.
 */
export const answerCommand = defineCommand({
  name: "verification.answer",
  permission: "verification.answer",
  input: answerSchema,
  async run({ tx, actor, now, target }, input) {
    const item = await lockDiscrepancy(tx, input.discrepancyId, (d) => d.unitId === actor.unitId);
    const reporting = await reportingSubmissionOf(tx, item.campaignId, item.unitId);
    if (!reporting) throw notFound();
    // Shared, so schools answer side by side while their reporting unit's confirmation (exclusive) waits for them.
    await lockSubmissionForWrite(tx, actor, reporting.id, { as: reporting.unitId === actor.unitId ? "filler" : "row writer", lock: "share", kind: "verification" });
    const confirmed = await confirmationOf(tx, item.campaignId, item.unitId);
    if (confirmed) throw new DomainError(`本校已于 ${formatDateTime(confirmed.confirmedAt)} 确认核验结果，问题已锁定。如需修改，请联系上级退回。`);
    if (item.state === "closed") throw new DomainError("该问题已关闭（新导入的数据中已无此差异），无需答复。");
    assertDiscrepancyVersion(item, input.expectedVersion, actor.userId);

    const answered = { answeredAt: now, answeredBy: actor.userId, version: sql`${discrepancies.version} + 1` };
    if (input.answer === "corrected") {
      await tx.update(discrepancies).set({ ...answered, state: "corrected", correctedValue: input.correctedValue, explanation: null }).where(eq(discrepancies.id, item.id));
      await tx.delete(discrepancyAttachments).where(eq(discrepancyAttachments.discrepancyId, item.id));
      target("discrepancy", item.id, { answer: "corrected" });
      return { version: item.version + 1 };
    }

    if (!mayExplain(item.severity))
      throw new DomainError("", { fieldErrors: { answer: "处理方式：该问题为「错误」，须在源系统中更正后填写更正后的值，仅作情况说明不能消除错误。" } });
    let attachment: { fileName: string; size: number } | null = null;
    if (input.attachment) {
      const content = Buffer.from(await input.attachment.arrayBuffer());
      const kind = sniffAnswerAttachment(content);
      if (!kind) throw new DomainError("", { fieldErrors: { attachment: "附件：须为 PDF、JPG、PNG 或 XLSX 文件。该文件的内容不是这几种格式，请重新选择。" } });
      const file = { fileName: attachmentFileName(input.attachment.name, kind.extension), mimeType: kind.mimeType, size: content.length, content, uploadedAt: now };
      await tx.insert(discrepancyAttachments).values({ discrepancyId: item.id, ...file }).onConflictDoUpdate({ target: discrepancyAttachments.discrepancyId, set: file });
      attachment = { fileName: file.fileName, size: file.size };
    }
    await tx.update(discrepancies).set({ ...answered, state: "explained", explanation: input.explanation, correctedValue: null }).where(eq(discrepancies.id, item.id));
    target("discrepancy", item.id, { answer: "explained", attachment });
    return { version: item.version + 1 };
  },
});
