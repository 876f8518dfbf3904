import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { type User, users, userSessions } from "@/db/schema";
import { sendActivation } from "@/lib/accounts/invitations";
import { sendPasswordReset } from "@/lib/accounts/password-reset";
import { changesOf } from "@/lib/audit/changes";
import { endSessions } from "@/lib/auth/sessions";
import { DomainError, type FieldErrors, notFound } from "@/lib/core/errors";
import { defineCommand } from "@/lib/core/command";
import { accountUnits, createInvitedUser, emailHolders, emailProblem, type Invitation, unitProblems } from "./invite";
import { commitImport, previewImport } from "@/lib/xlsx/pipeline";
import { invitationImport } from "./import";
import { bulkInviteSchema, previewBulkInviteSchema, inviteUserSchema, updateUserSchema, userIdSchema } from "./schemas";


/** Problems of an invitation or a change of unit and role, as one refusal with its field errors. */
function refuseIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new DomainError("", { fieldErrors: errors });
}

async function invitationProblems(tx: Tx, invitation: Invitation): Promise<FieldErrors> {
  const [unit] = await accountUnits(tx, invitation.unitId);
  return { ...unitProblems(invitation.role, unit), ...emailProblem(invitation.email, (await emailHolders(tx, invitation.email)).get(invitation.email)) };
}

async function lockUser(tx: Tx, userId: number): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw notFound();
  return user;
}

export const inviteUserCommand = defineCommand({
  name: "user.invite",
  permission: "users.manage",
  input: inviteUserSchema,
  async run({ tx, actor, now, target }, input) {
    refuseIfAny(await invitationProblems(tx, input));
    const userId = await createInvitedUser(tx, input, { actorId: actor.userId, now });
    // Taken between the check and the insert: the unique index decides.
    if (!userId) throw new DomainError("", { fieldErrors: emailProblem(input.email, { name: "", unitName: "其他单位" }) });
    target("user", userId, { email: input.email, role: input.role, unitId: input.unitId });
    return { userId };
  },
});

/** Invitations from an .xlsx, checked row by row; nobody is invited. */
export const previewBulkInviteCommand = defineCommand({
  name: "user.preview_bulk_invite",
  permission: "users.manage",
  input: previewBulkInviteSchema,
  run: (ctx, input) => previewImport(ctx, invitationImport, input.file),
});

/** Invites every row of the previewed file, each with its own activation email, or nobody. */
export const bulkInviteCommand = defineCommand({
  name: "user.bulk_invite",
  permission: "users.manage",
  input: bulkInviteSchema,
  run: (ctx, input) => commitImport(ctx, invitationImport, input),
});

const AUDITOR_APART =
  "角色：审计管理员须使用单独的账号（三权分立），不能与其他角色互相转换。如需更换，请停用本账号，另行邀请新账号。";

/** Name, unit and role. Nobody changes their own role, and no account moves into or out of 审计管理员. */
export const updateUserCommand = defineCommand({
  name: "user.update",
  permission: "users.manage",
  input: updateUserSchema,
  async run({ tx, actor, target }, input) {
    const user = await lockUser(tx, input.userId);
    if (input.role !== user.role) {
      if (user.id === actor.userId) throw new DomainError("", { fieldErrors: { role: "角色：不能修改自己的角色，请由其他省级管理员办理" } });
      if (input.role === "auditor" || user.role === "auditor") throw new DomainError("", { fieldErrors: { role: AUDITOR_APART } });
    }
    const [unit] = await accountUnits(tx, input.unitId);
    refuseIfAny(unitProblems(input.role, unit));
    const changes = { name: input.name, unitId: input.unitId, role: input.role };
    const diff = changesOf(user, changes);
    target("user", user.id, diff);
    if (diff.changed.length > 0) await tx.update(users).set(changes).where(eq(users.id, user.id));
    return { userId: user.id };
  },
});

export const disableUserCommand = defineCommand({
  name: "user.disable",
  permission: "users.manage",
  input: userIdSchema,
  async run({ tx, actor, now, target }, input) {
    const user = await lockUser(tx, input.userId);
    if (user.id === actor.userId) throw new DomainError("不能停用自己的账号。");
    target("user", user.id, { before: user.status });
    if (user.status === "disabled") return { status: user.status };
    await tx.update(users).set({ status: "disabled" }).where(eq(users.id, user.id));
    await endSessions({ db: tx, userId: user.id, reason: "account_disabled", now });
    return { status: "disabled" as const };
  },
});

/** Back to where the account was: active when it has a password, otherwise still waiting for activation. */
export const enableUserCommand = defineCommand({
  name: "user.enable",
  permission: "users.manage",
  input: userIdSchema,
  async run({ tx, target }, input) {
    const user = await lockUser(tx, input.userId);
    target("user", user.id, { before: user.status });
    if (user.status !== "disabled") return { status: user.status };
    const status = user.passwordHash ? ("active" as const) : ("invited" as const);
    await tx.update(users).set({ status }).where(eq(users.id, user.id));
    return { status };
  },
});

/** Lifts a lock from failed logins before it runs out, and starts the failure count afresh. */
export const unlockUserCommand = defineCommand({
  name: "user.unlock",
  permission: "users.manage",
  input: userIdSchema,
  async run({ tx, target }, input) {
    const user = await lockUser(tx, input.userId);
    target("user", user.id, { lockedUntil: user.lockedUntil?.toISOString() ?? null, failures: user.failedLoginCount });
    const status = user.status === "locked" ? (user.passwordHash ? "active" : "invited") : user.status;
    await tx.update(users).set({ lockedUntil: null, failedLoginCount: 0, failureWindowStartedAt: null, status }).where(eq(users.id, user.id));
    return { status };
  },
});

/** Signs the person out everywhere: every open session ends on its next request. */
export const endUserSessionsCommand = defineCommand({
  name: "user.end_sessions",
  permission: "users.manage",
  input: userIdSchema,
  async run({ tx, now, target }, input) {
    const user = await lockUser(tx, input.userId);
    const [{ open }] = await tx
      .select({ open: sql<number>`count(*)::int` })
      .from(userSessions)
      .where(and(eq(userSessions.userId, user.id), isNull(userSessions.endedAt)));
    await endSessions({ db: tx, userId: user.id, reason: "ended_by_admin", now });
    target("user", user.id, { ended: open });
    return { ended: open };
  },
});

/** A new activation link for an account that has not been activated yet; the earlier link stops working. */
export const resendActivationCommand = defineCommand({
  name: "user.resend_activation",
  permission: "users.manage",
  input: userIdSchema,
  async run({ tx, actor, now, target }, input) {
    const user = await lockUser(tx, input.userId);
    target("user", user.id);
    if (user.status !== "invited") throw new DomainError(`该账号${user.status === "active" ? "已激活，如忘记密码请发送重置密码链接" : "已停用，请先启用"}。`);
    const { expiresAt } = await sendActivation(tx, { userId: user.id, actorId: actor.userId, now });
    return { expiresAt };
  },
});

/** Emails the person a link to set a new password themselves; nobody else ever sees or sets it. */
export const sendResetCommand = defineCommand({
  name: "user.send_reset",
  permission: "users.manage",
  input: userIdSchema,
  async run({ tx, actor, now, target }, input) {
    const user = await lockUser(tx, input.userId);
    target("user", user.id);
    if (user.status === "invited") throw new DomainError("该账号尚未激活，没有密码可重置，请改为「重新发送激活邮件」。");
    if (user.status !== "active") throw new DomainError("该账号已停用，请先启用后再发送重置密码链接。");
    const { expiresAt } = await sendPasswordReset(tx, { user, actorId: actor.userId, now });
    return { expiresAt };
  },
});
