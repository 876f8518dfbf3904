import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { idField as id, UNKNOWN_FIELD } from "@/lib/core/input";
import { rosterEntries, users } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { recordEvent } from "@/lib/submissions/events";
import { verifyPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/sessions";
import { sendActivation } from "./invitations";
import { newPasswordProblem, storePassword } from "./passwords";
import { changePasswordSchema, enrolSecondFactorSchema, verifySecondFactorSchema } from "./schemas";
import { enrolSecondFactor, verifySecondFactor } from "./second-factor";

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

/**
 * 「修改密码」 for one's own account, also the way past the password-age gate. Every session of the
 * account ends, this one included: the person signs in again with the new password.
 */
export const changePasswordCommand = defineCommand({
  name: "account.change_password",
  permission: "account.own",
  input: changePasswordSchema(),
  async run({ tx, actor, now, target }, { currentPassword, password }) {
    target("user", actor.userId);
    const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new DomainError("", { fieldErrors: { currentPassword: "当前密码不正确，请重新输入" }, detail: { reason: "wrong_password" } });
    }
    const problem = await newPasswordProblem(tx, { id: actor.userId, email: actor.email, unitName: actor.unitName }, password);
    if (problem) throw new DomainError("", { fieldErrors: { password: problem } });
    await storePassword(tx, { userId: actor.userId, password, now });
    await endSessions({ db: tx, userId: actor.userId, reason: "password_changed", now });
    return { email: actor.email };
  },
});

/** 「两步验证」 on first sign-in: the way past the enrolment gate. Neither the secret nor a recovery code reaches the audit row. */
export const enrolSecondFactorCommand = defineCommand({
  name: "account.enrol_second_factor",
  permission: "account.own",
  input: enrolSecondFactorSchema,
  async run({ tx, actor, now, target }, input) {
    target("user", actor.userId);
    return enrolSecondFactor(tx, actor, input, now);
  },
});

/** 「两步验证」 after the password: the way past the second-factor gate. */
export const verifySecondFactorCommand = defineCommand({
  name: "account.verify_second_factor",
  permission: "account.own",
  input: verifySecondFactorSchema,
  async run({ tx, actor, now, target }, input) {
    target("user", actor.userId);
    const result = await verifySecondFactor(tx, actor, input, now);
    target("user", actor.userId, result);
    return result;
  },
});
