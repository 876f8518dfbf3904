import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CommandButton } from "@/components/admin/command-button";
import { UserEditForm } from "@/components/admin/user-edit-form";
import { UserStatusTag } from "@/components/admin/user-status-tag";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/current";
import { usesSecondFactor } from "@/lib/auth/second-factor";
import { may } from "@/lib/core/policy";
import { ROLE_LABELS } from "@/lib/core/roles";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/time";
import { disableUser, enableUser, endUserSessions, resendActivation, resetSecondFactor, sendReset, unlockUser } from "@/lib/users/actions";
import { getAccountUnitChoices, getUserById } from "@/lib/users/queries";
import { managesAccount, outsideRemitMessage, ownAccountMessage, SEPARATE_ACCOUNT_ROLES } from "@/lib/users/rules";

export const metadata: Metadata = { title: "用户详情" };

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requirePermission("users.manage");
  const userId = parseId((await params).userId);
  const db = getDb();
  const now = new Date();
  const user = userId && (await getUserById({ db, actor, userId, now }));
  if (!user) notFound();
  const self = user.id === actor.userId;
  // 三员分立: each administrator changes only the accounts it manages; unlocking, sessions and second factors are the security administrator's.
  const manages = managesAccount(actor.role, user.role);
  const security = may(actor.role, "users.security");
  const apart = SEPARATE_ACCOUNT_ROLES.includes(user.role);
  // An auditor or security administrator keeps its role, and nobody else takes one of theirs.
  const units = (await getAccountUnitChoices({ db, actor })).map((u) => ({ ...u, roles: u.roles.filter((r) => !SEPARATE_ACCOUNT_ROLES.includes(r)) }));
  const roleLock = self
    ? { role: user.role, reason: ownAccountMessage(actor.role, "修改自己的角色") }
    : apart
      ? { role: user.role, reason: `${ROLE_LABELS[user.role]}须使用单独的账号（三权分立），不能改为其他角色` }
      : undefined;
  const input = { userId: user.id };

  return (
    <>
      <PageHeader crumbs={[{ label: "用户管理", href: "/admin/users" }, { label: user.name }]} title={user.name} extra={<UserStatusTag status={user.status} />} />
      <div className="flex flex-col gap-4">
        <Card title="账号信息">
          <dl className="mb-5 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-slate-500">邮箱（登录账号）</dt>
              <dd className="break-all" data-testid="user-email-value">{user.email}</dd>
            </div>
            <div>
              <dt className="text-slate-500">联系电话</dt>
              <dd className="font-mono text-xs">{user.phone ?? "未登记"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">角色 / 所在单位</dt>
              <dd>
                {ROLE_LABELS[user.role]} · {user.unitName}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">最近登录</dt>
              <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "从未登录"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">开设时间</dt>
              <dd>{formatDateTime(user.createdAt)}</dd>
            </div>
            {user.status === "invited" && (
              <div>
                <dt className="text-slate-500">激活链接</dt>
                <dd>{user.activationExpiresAt ? `${formatDateTime(user.activationExpiresAt)} 前有效` : "无有效链接，请重新发送"}</dd>
              </div>
            )}
            {user.lockedUntil && user.lockedUntil > now && (
              <div>
                <dt className="text-slate-500">锁定至</dt>
                <dd>{formatDateTime(user.lockedUntil)}</dd>
              </div>
            )}
            <div>
              <dt className="text-slate-500">未结束的会话</dt>
              <dd data-testid="user-sessions">{user.openSessions} 个</dd>
            </div>
            <div>
              <dt className="text-slate-500">两步验证</dt>
              <dd data-testid="user-second-factor">
                {user.secondFactorEnrolledAt ? `已设置（${formatDateTime(user.secondFactorEnrolledAt)}）` : usesSecondFactor(user.role) ? "未设置（下次登录时设置）" : "未启用"}
              </dd>
            </div>
          </dl>
          {manages ? (
            <UserEditForm user={{ id: user.id, name: user.name, unitId: user.unitId, role: user.role }} units={units} roleLock={roleLock} />
          ) : (
            <Notice tone="info" testId="user-outside-remit">
              {outsideRemitMessage(user.role)}。
            </Notice>
          )}
        </Card>

        <Card title="账号操作">
          <p className="mb-3 text-sm text-slate-600">密码只由本人通过邮件链接设置，管理员看不到也不能设置。</p>
          <div className="flex flex-wrap gap-2">
            {manages && user.status === "invited" && <CommandButton action={resendActivation} input={input} label="重新发送激活邮件" success="激活邮件已重新发送，之前的链接已失效" testId="user-resend-activation" />}
            {manages && user.status === "active" && (
              <CommandButton
                action={sendReset}
                input={input}
                label="发送重置密码链接"
                success="重置密码链接已发送（30 分钟内有效）"
                testId="user-send-reset"
                confirm={{ title: "发送重置密码链接？", description: `系统将向 ${user.email} 发送重置密码的链接，由本人设置新密码；当前密码在其设置新密码前仍可使用。`, confirmLabel: "发送" }}
              />
            )}
            {security && (user.status === "locked" || user.failedLoginCount > 0) && <CommandButton action={unlockUser} input={input} label="解除锁定" success="已解除锁定，登录失败次数已清零" testId="user-unlock" />}
            {security && user.openSessions > 0 && (
              <CommandButton
                action={endUserSessions}
                input={input}
                label="结束全部会话"
                success={(d: { ended: number }) => `已结束 ${d.ended} 个会话`}
                testId="user-end-sessions"
                confirm={{ title: "结束全部会话？", description: "该用户在所有设备上的登录都会立即失效，需要重新登录。", confirmLabel: "结束会话", danger: true }}
              />
            )}
            {security && !self && user.secondFactorEnrolledAt && (
              <CommandButton
                action={resetSecondFactor}
                input={input}
                label="重置两步验证"
                success="两步验证已重置，该用户下次登录时须重新设置"
                testId="user-reset-second-factor"
                confirm={{
                  title: `重置 ${user.name} 的两步验证？`,
                  description: "用于本人丢失手机和恢复码的情况。重置后其登录立即失效，下次登录时须重新扫描二维码设置。请先通过电话等方式核实是本人申请。",
                  confirmLabel: "重置",
                  danger: true,
                }}
              />
            )}
            {!manages ? null : user.status === "disabled" ? (
              <CommandButton action={enableUser} input={input} label="启用账号" success="账号已启用" testId="user-enable" />
            ) : (
              !self && (
                <CommandButton
                  action={disableUser}
                  input={input}
                  label="停用账号"
                  variant="danger"
                  success="账号已停用，其登录已全部结束"
                  testId="user-disable"
                  confirm={{ title: `停用 ${user.name} 的账号？`, description: "停用后该账号不能登录，已登录的会话立即失效。可随时重新启用。", confirmLabel: "停用", danger: true }}
                />
              )
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
