import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { col, queryRow } from "@/db/rows";
import { type Discrepancy, discrepancies, discrepancyAttachments, users, verificationRules } from "@/db/schema";
import { isUnitInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { may } from "@/lib/core/policy";
import { type Confirmation, confirmationOf, reportingSubmissionOf } from "../confirm/levels";

export type ItemView = Pick<
  Discrepancy,
  "id" | "severity" | "subject" | "leftLabel" | "leftValue" | "rightLabel" | "rightValue" | "state" | "correctedValue" | "explanation" | "answeredAt" | "returnReason" | "returnedAt" | "version"
> & { ruleName: string; returnedByName: string | null; attachmentName: string | null };

export type SchoolItems = {
  campaign: { id: number; title: string; docNumber: string };
  school: { id: number; name: string; schoolCode: string | null };
  submissionId: number;
  confirmation: Confirmation | null;
  items: ItemView[];
  /** The school's own staff, before it confirmed. */
  mayAnswer: boolean;
  mayConfirm: boolean;
  /** A level above the school (the command checks that no level above it has confirmed). */
  mayReturn: boolean;
};

/** One school's items in a verification task, for the school itself and the levels above it; null outside scope. */
export async function getSchoolItemsForActor({ db, actor, campaignId, unitId }: { db: DbOrTx; actor: Actor; campaignId: number; unitId: number }): Promise<SchoolItems | null> {
  if (!may(actor.role, "verification.read") || !(await isUnitInScope(db, actor, unitId))) return null;
  const head = await queryRow(
    db,
    { title: col.text, docNumber: col.text, name: col.text, schoolCode: col.textOrNull },
    sql`select c.title, c.doc_number as "docNumber", u.name, u.school_code as "schoolCode"
        from campaigns c, units u
        where c.id = ${campaignId} and c.kind = 'verification' and c.status <> 'draft' and u.id = ${unitId} and u.kind in ('school', 'college')`,
  );
  const reporting = head && (await reportingSubmissionOf(db, campaignId, unitId));
  if (!head || !reporting) return null;
  const returnedBy = sql<string | null>`(select name from ${users} where ${users.id} = ${discrepancies.returnedBy})`;
  const items = await db
    .select({
      id: discrepancies.id,
      severity: discrepancies.severity,
      subject: discrepancies.subject,
      leftLabel: discrepancies.leftLabel,
      leftValue: discrepancies.leftValue,
      rightLabel: discrepancies.rightLabel,
      rightValue: discrepancies.rightValue,
      state: discrepancies.state,
      correctedValue: discrepancies.correctedValue,
      explanation: discrepancies.explanation,
      answeredAt: discrepancies.answeredAt,
      returnReason: discrepancies.returnReason,
      returnedAt: discrepancies.returnedAt,
      version: discrepancies.version,
      ruleName: verificationRules.name,
      returnedByName: returnedBy,
      attachmentName: discrepancyAttachments.fileName,
    })
    .from(discrepancies)
    .innerJoin(verificationRules, eq(verificationRules.id, discrepancies.ruleId))
    .leftJoin(discrepancyAttachments, eq(discrepancyAttachments.discrepancyId, discrepancies.id))
    .where(and(eq(discrepancies.campaignId, campaignId), eq(discrepancies.unitId, unitId)))
    .orderBy(sql`${discrepancies.severity} = 'notice'`, asc(discrepancies.id));
  const confirmation = await confirmationOf(db, campaignId, unitId);
  const own = actor.unitId === unitId;
  return {
    campaign: { id: campaignId, title: head.title, docNumber: head.docNumber },
    school: { id: unitId, name: head.name, schoolCode: head.schoolCode },
    submissionId: reporting.id,
    confirmation,
    items,
    mayAnswer: own && may(actor.role, "verification.answer") && !confirmation,
    mayConfirm: own && may(actor.role, "verification.confirm") && !confirmation,
    mayReturn: !own && may(actor.role, "verification.return"),
  };
}
