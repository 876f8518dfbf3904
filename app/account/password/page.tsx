import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/accounts/change-password-form";
import { PublicCard } from "@/components/accounts/public-card";
import { Notice } from "@/components/ui/notice";
import { GATE_PAGES, getSignedIn } from "@/lib/auth/current";
import { logout } from "@/lib/auth/actions";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "修改密码" };
export const dynamic = "force-dynamic";

/** Changing one's password: chosen from the header, or required before anything else once a privileged password has aged out. */
export default async function ChangePasswordPage() {
  const signedIn = await getSignedIn();
  if (!signedIn) redirect("/login");
  const { actor, gate } = signedIn;
  // The second factor comes before the password: a password alone does not get to change it.
  if (gate && gate !== "password_expired") redirect(GATE_PAGES[gate]);
  return (
    <PublicCard title="修改密码" subtitle={`${actor.unitName} · ${actor.name}（${actor.email}）`}>
      {gate === "password_expired" && (
        <Notice tone="warning" testId="password-expired" className="mb-4">
          按照平台安全要求，管理类账号的密码每 {env().PASSWORD_MAX_AGE_DAYS} 天须更换一次。您的密码已到期，请先设置新密码，之后才能继续使用平台。
        </Notice>
      )}
      <ChangePasswordForm email={actor.email} unitName={actor.unitName} />
      <div className="mt-6 flex gap-4 text-sm">
        {!gate && (
          <Link href="/" className="text-brand-600 hover:underline">
            返回平台
          </Link>
        )}
        <form action={logout}>
          <button type="submit" className="text-brand-600 hover:underline" data-testid="change-password-logout">
            退出登录
          </button>
        </form>
      </div>
    </PublicCard>
  );
}
