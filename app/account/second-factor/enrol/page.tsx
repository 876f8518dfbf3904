import type { Metadata } from "next";
import QRCode from "qrcode";
import { SecondFactorCard } from "@/components/accounts/second-factor-card";
import { SecondFactorEnrolForm } from "@/components/accounts/second-factor-forms";
import { requireGate } from "@/lib/auth/current";
import { newTotpSecret, sealEnrolment, totpUri } from "@/lib/auth/second-factor";

export const metadata: Metadata = { title: "两步验证" };
export const dynamic = "force-dynamic";

/**
 * First sign-in of an account that needs a second factor: a new secret for an authenticator app, by QR
 * code or typed in. Nothing is stored until the form returns a code that matches it.
 */
export default async function SecondFactorEnrolPage() {
  const actor = await requireGate("second_factor_enrol");
  const secret = newTotpSecret();
  const qr = await QRCode.toDataURL(totpUri(actor.email, secret), { margin: 1, width: 200, errorCorrectionLevel: "M" });
  return (
    <SecondFactorCard actor={actor}>
      <p className="mb-3 text-sm text-slate-600">
        您的账号须使用两步验证登录。请在手机上安装身份验证器应用（如 Microsoft Authenticator、Google Authenticator、腾讯身份验证器），用它扫描下方二维码，然后输入它显示的 6 位验证码。
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server: nothing for next/image to optimise */}
      <img src={qr} width={200} height={200} alt="两步验证二维码：请用身份验证器应用扫描" className="mx-auto mb-3 rounded border border-slate-200" data-testid="second-factor-qr" />
      <p className="mb-1 text-sm text-slate-600">无法扫描时，可在应用中选择手动输入，填写以下密钥（基于时间）：</p>
      <p className="mb-4 rounded bg-slate-50 px-3 py-2 text-center font-mono text-sm tracking-wider break-all text-slate-900" data-testid="second-factor-secret">
        {secret.match(/.{1,4}/g)?.join(" ")}
      </p>
      <SecondFactorEnrolForm enrolment={sealEnrolment(actor, secret)} />
    </SecondFactorCard>
  );
}
