import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { type Role, type User, userRecoveryCodes, users, userSecondFactors, userSessions } from "@/db/schema";
import { sendActivation } from "@/lib/accounts/invitations";
import { sendPasswordReset } from "@/lib/accounts/password-reset";
import { changesOf } from "@/lib/audit/changes";
import { endSessions } from "@/lib/auth/sessions";
import { unitsInScope } from "@/lib/authz/scope";
import type { Actor } from "@/lib/core/actor";
import { DomainError, type FieldErrors, notFound } from "@/lib/core/errors";
import { type CommandContext, defineCommand } from "@/lib/core/command";
import { ROLE_LABELS } from "@/lib/core/roles";
import { accountUnits, createInvitedUser, emailHolders, emailProblem, type Invitation, unitProblems } from "./invite";
import { commitImport, previewImport } from "@/lib/xlsx/pipeline";
import { invitationImport } from "./import";
import { managesAccount, outsideRemitMessage, ownAccountMessage, SEPARATE_ACCOUNT_ROLES } from "./rules";
import { bulkInviteSchema, inviteUserSchema, previewBulkInviteSchema, updateUserSchema, userIdSchema } from "./schemas";

/** Problems of an invitation or a change of unit and role, as one refusal with its field errors. */
function refuseIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new DomainError("", { fieldErrors: errors });
}

async function invitationProblems(tx: Tx, actor: Actor, invitation: Invitation): Promise<FieldErrors> {
  const [unit] = await accountUnits(tx, actor, invitation.unitId);
  return { ...unitProblems(invitation.role, unit), ...emailProblem(invitation.email, (await emailHolders(tx, invitation.email)).get(invitation.email)) };
}

/** The account, row-locked; 404 when it does not exist or belongs to a unit outside the actor's scope. */
async function lockUser(tx: Tx, actor: Actor, userId: number): Promise<User> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), sql`${users.unitId} in ${unitsInScope(actor)}`))
    .for("update");
  if (!user) throw notFound();
  return user;
}

/** An account of a role the actor does not manage (三员分立): as the role field's error, or for the whole form. */
function outsideRemit(accountRole: Role, { field }: { field?: "role" } = {}): DomainError {
  const message = outsideRemitMessage(accountRole);
  return new DomainError(field ? "" : `${message}。`, {
    kind: "denied",
    fieldErrors: field ? { [field]: `角色：${message}` } : undefined,
    detail: { reason: "outside_remit", accountRole },
  });
}

/** The account, row-locked, when the actor manages it; the audit row names it either way. */
async function lockManagedUser({ tx, actor, target }: CommandContext, userId: number): Promise<User> {
  const user = await lockUser(tx, actor, userId);
  target("user", user.id);
  if (!managesAccount(actor.role, user.role)) throw outsideRemit(user.role);
  return user;
}

export const inviteUserCommand = defineCommand({
  name: "user.invite",
  permission: "users.manage",
  input: inviteUserSchema,
  async run({ tx, actor, now, target }, input) {
    if (!managesAccount(actor.role, input.role)) throw outsideRemit(input.role, { field: "role" });
    refuseIfAny(await invitationProblems(tx, actor, input));
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
  run: (ctx, input) => previewImport(ctx, invitationImport(ctx.actor), input),
});

/** Invites every row of the previewed file, each with its own activation email, or nobody. */
export const bulkInviteCommand = defineCommand({
  name: "user.bulk_invite",
  permission: "users.manage",
  input: bulkInviteSchema,
  run: (ctx, input) => commitImport(ctx, invitationImport(ctx.actor), input),
});

const apartMessage = (role: Role) =>
  `角色：${ROLE_LABELS[role]}须使用单独的账号（三权分立），不能与其他角色互相转换。如需更换，请停用本账号，另行邀请新账号。`;

/**
 * Name, unit and role, of an account the actor manages and into a role it manages. Nobody changes their
 * own role, and no account moves into or out of 审计管理员 or 安全管理员.
 */
export const updateUserCommand = defineCommand({
  name: "user.update",
  permission: "users.manage",
  input: updateUserSchema,
  async run(ctx, input) {
    const { tx, actor, target } = ctx;
    const user = await lockUser(tx, actor, input.userId);
    target("user", user.id);
    if (input.role !== user.role && user.id === actor.userId) throw new DomainError("", { fieldErrors: { role: `角色：${ownAccountMessage(actor.role, "修改自己的角色")}` } });
    if (!managesAccount(actor.role, user.role)) throw outsideRemit(user.role);
    if (!managesAccount(actor.role, input.role)) throw outsideRemit(input.role, { field: "role" });
    if (input.role !== user.role) {
      const apart = SEPARATE_ACCOUNT_ROLES.find((r) => r === input.role || r === user.role);
      if (apart) throw new DomainError("", { fieldErrors: { role: apartMessage(apart) } });
    }
    const [unit] = await accountUnits(tx, actor, input.unitId);
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
  async run(ctx, input) {
    const { tx, actor, now, target } = ctx;
    if (input.userId === actor.userId) throw new DomainError("不能停用自己的账号。");
    const user = await lockManagedUser(ctx, input.userId);
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
  async run(ctx, input) {
    const { tx, target } = ctx;
    const user = await lockManagedUser(ctx, input.userId);
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
  permission: "users.security",
  input: userIdSchema,
  async run({ tx, actor, target }, input) {
    const user = await lockUser(tx, actor, input.userId);
    target("user", user.id, { lockedUntil: user.lockedUntil?.toISOString() ?? null, failures: user.failedLoginCount });
    const status = user.status === "locked" ? (user.passwordHash ? "active" : "invited") : user.status;
    await tx.update(users).set({ lockedUntil: null, failedLoginCount: 0, failureWindowStartedAt: null, status }).where(eq(users.id, user.id));
    return { status };
  },
});

/** Signs the person out everywhere: every open session ends on its next request. */
export const endUserSessionsCommand = defineCommand({
  name: "user.end_sessions",
  permission: "users.security",
  input: userIdSchema,
  async run({ tx, actor, now, target }, input) {
    const user = await lockUser(tx, actor, input.userId);
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
  async run(ctx, input) {
    const { tx, actor, now } = ctx;
    const user = await lockManagedUser(ctx, input.userId);
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
  async run(ctx, input) {
    const { tx, actor, now } = ctx;
    const user = await lockManagedUser(ctx, input.userId);
    if (user.status === "invited") throw new DomainError("该账号尚未激活，没有密码可重置，请改为「重新发送激活邮件」。");
    if (user.status !== "active") throw new DomainError("该账号已停用，请先启用后再发送重置密码链接。");
    const { expiresAt } = await sendPasswordReset(tx, { user, actorId: actor.userId, now });
    return { expiresAt };
  },
});

/**
 * For a person who lost their authenticator and recovery codes: the enrolled factor and its codes are
 * removed and every session ends, so the next sign-in enrols afresh. Never one's own.
 */
export const resetSecondFactorCommand = defineCommand({
  name: "user.reset_second_factor",
  permission: "users.security",
  input: userIdSchema,
  async run({ tx, actor, now, target }, input) {
    const user = await lockUser(tx, actor, input.userId);
    target("user", user.id);
    if (user.id === actor.userId) throw new DomainError(`${ownAccountMessage(actor.role, "重置自己的两步验证")}。`);
    const [removed] = await tx.delete(userSecondFactors).where(eq(userSecondFactors.userId, user.id)).returning({ enrolledAt: userSecondFactors.enrolledAt });
    if (!removed) throw new DomainError("该账号尚未设置两步验证，无需重置。");
    const codes = await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id)).returning({ usedAt: userRecoveryCodes.usedAt });
    await endSessions({ db: tx, userId: user.id, reason: "second_factor_reset", now });
    target("user", user.id, { enrolledAt: removed.enrolledAt.toISOString(), recoveryCodesLeft: codes.filter((c) => !c.usedAt).length });
    return { reset: true };
  },
});
