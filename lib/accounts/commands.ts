import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD } from "@/lib/core/input";
import { rosterEntries } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { recordEvent } from "@/lib/submissions/events";
import { sendActivation } from "./invitations";


/** Names the row whose administrator gets a new link: the account is whatever the approval issued for it. */
export const resendActivationSchema = z.strictObject({ submissionId: id, unitId: id }, UNKNOWN_FIELD);

/** 「重新发送激活邮件」 for the account an approval issued for a row: a new link; the old one stops working. */
export const resendActivationCommand = defineCommand({
  name: "account.resend_activation",
  permission: "accounts.resend",
  input: resendActivationSchema,
  async run({ tx, actor, now, target }, input) {
    const [entry] = await tx
      .select({ issuedUserId: rosterEntries.issuedUserId })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.submissionId, input.submissionId), eq(rosterEntries.unitId, input.unitId)));
    if (!entry?.issuedUserId) throw new DomainError("该行尚未开通账号：报送通过后才会开通并发送激活邮件。");
    target("user", entry.issuedUserId, { submissionId: input.submissionId, unitId: input.unitId });
    const { expiresAt } = await sendActivation(tx, { userId: entry.issuedUserId, actorId: actor.userId, now });
    await recordEvent(tx, { submissionId: input.submissionId, actorId: actor.userId, action: "account.activation_resent", at: now, detail: { userId: entry.issuedUserId, unitId: input.unitId } });
    return { expiresAt };
  },
});
