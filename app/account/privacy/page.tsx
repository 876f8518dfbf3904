import type { Metadata } from "next";
import { PublicCard } from "@/components/accounts/public-card";
import { AcceptNoticeForm } from "@/components/privacy/accept-notice-form";
import { PrivacyNotice } from "@/components/privacy/privacy-notice";
import { requireGate } from "@/lib/auth/current";
import { logout } from "@/lib/auth/actions";
import { env } from "@/lib/env";
import { PRIVACY_NOTICE_TITLE, PRIVACY_NOTICE_VERSION, privacyNoticeSections } from "@/lib/privacy/notice";

export const metadata: Metadata = { title: PRIVACY_NOTICE_TITLE };
export const dynamic = "force-dynamic";

/** The first sign-in (and the first after the notice changed): read 《个人信息处理规则》 and accept it before anything else. */
export default async function PrivacyNoticePage() {
  const actor = await requireGate("privacy_notice");
  return (
    <PublicCard title={PRIVACY_NOTICE_TITLE} subtitle={`${actor.unitName} · ${actor.name}（${actor.email}）`}>
      <div data-testid="privacy-page">
        <p className="mb-4 text-sm text-slate-700">使用本平台前，请阅读以下规则。平台将记录您同意的版本和时间。</p>
        <PrivacyNotice sections={privacyNoticeSections(env().PERSONAL_DATA_RETENTION_DAYS)} className="max-h-[50vh] overflow-auto rounded border border-slate-200 p-3" />
        <AcceptNoticeForm version={PRIVACY_NOTICE_VERSION} />
      </div>
      <form action={logout} className="mt-4 text-sm">
        <button type="submit" className="text-brand-600 hover:underline" data-testid="privacy-logout">
          不同意，退出登录
        </button>
      </form>
    </PublicCard>
  );
}
