import { PRIVACY_NOTICE_TITLE, PRIVACY_NOTICE_VERSION, type NoticeSection } from "@/lib/privacy/notice";

/** 《个人信息处理规则》 as written in lib/privacy/notice.ts, with its version. */
export function PrivacyNotice({ sections, className }: { sections: NoticeSection[]; className?: string }) {
  return (
    <section className={className} data-testid="privacy-notice" data-version={PRIVACY_NOTICE_VERSION} aria-label={PRIVACY_NOTICE_TITLE}>
      <dl className="flex flex-col gap-2 text-sm leading-relaxed">
        {sections.map((s) => (
          <div key={s.heading}>
            <dt className="font-medium text-slate-900">{s.heading}</dt>
            <dd className="text-slate-600">{s.text}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-slate-400">版本 {PRIVACY_NOTICE_VERSION}</p>
    </section>
  );
}
