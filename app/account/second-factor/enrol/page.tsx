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
      <SecondFactorEnrolForm enrolment={sealEnrolment(actor, secret)} qr={qr} secret={secret} />
    </SecondFactorCard>
  );
}
