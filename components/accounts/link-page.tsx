import Link from "next/link";
import type { LinkHolder } from "@/lib/accounts/link-queries";
import { Notice } from "@/components/ui/notice";
import { PublicCard } from "./public-card";
import { SetPasswordForm } from "./set-password-form";

/** The page an activation or reset email links to: the form when the link is usable, the reason otherwise. */
export function LinkPage({ purpose, token, holder }: { purpose: "activation" | "password_reset"; token: string; holder: LinkHolder }) {
  const title = purpose === "activation" ? "激活账号" : "重置密码";
  if (!holder.ok) {
    return (
      <PublicCard title={title}>
        <Notice tone="error" testId="link-error">
          {holder.message}
        </Notice>
        <p className="mt-6 flex gap-4 text-sm">
          <Link href="/login" className="text-brand-600 hover:underline">
            前往登录
          </Link>
          <Link href="/forgot-password" className="text-brand-600 hover:underline">
            忘记密码？
          </Link>
        </p>
      </PublicCard>
    );
  }
  return (
    <PublicCard
      title={title}
      subtitle={purpose === "activation" ? `${holder.name}同志，请为您在「${holder.unitName}」的账号设置登录密码。` : `${holder.name}同志，请为您的账号设置新密码。`}
    >
      <SetPasswordForm purpose={purpose} token={token} email={holder.email} unitName={holder.unitName} />
    </PublicCard>
  );
}
