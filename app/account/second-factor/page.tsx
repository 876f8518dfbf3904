import type { Metadata } from "next";
import { SecondFactorCard } from "@/components/accounts/second-factor-card";
import { SecondFactorForm } from "@/components/accounts/second-factor-forms";
import { requireGate } from "@/lib/auth/current";

export const metadata: Metadata = { title: "两步验证" };
export const dynamic = "force-dynamic";

/** After the password: nothing else opens until the second factor is given. */
export default async function SecondFactorPage() {
  const actor = await requireGate("second_factor");
  return (
    <SecondFactorCard actor={actor}>
      <p className="mb-4 text-sm text-slate-600">为保护平台数据安全，您的账号登录时须进行两步验证。</p>
      <SecondFactorForm />
    </SecondFactorCard>
  );
}
