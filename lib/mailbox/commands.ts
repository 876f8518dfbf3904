import { sql } from "drizzle-orm";
import { col, queryRow } from "@/db/rows";
import { outboxStatus } from "@/db/schema";
import { DomainError, notFound } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { resendSchema } from "./schemas";

/** 「重新发送」: a failed email goes back in the queue with a fresh set of tries. */
export const resendCommand = defineCommand({
  name: "mail.resend",
  permission: "mail.manage",
  input: resendSchema,
  async run({ tx, now, target }, { emailId }) {
    const email = await queryRow(
      tx,
      { status: col.oneOf(outboxStatus.enumValues), kind: col.text, suppressed: col.bool },
      sql`
      select o.status, o.kind, exists (select 1 from email_suppressions s where s.address = o.to_address) as suppressed
      from email_outbox o where o.id = ${emailId} for update of o`,
    );
    if (!email) throw notFound();
    target("email", emailId, { kind: email.kind });
    if (email.status !== "failed") throw new DomainError("只有「发送失败」的邮件可以重新发送。");
    if (email.suppressed) throw new DomainError("该收件地址曾被退信，重新发送也无法送达。请先更正收件人的邮箱。");
    await tx.execute(sql`
      update email_outbox set status = 'pending', attempts = 0, last_error = null, claimed_until = null,
        next_attempt_at = ${now.toISOString()}::timestamptz
      where id = ${emailId}`);
    return { emailId };
  },
});
