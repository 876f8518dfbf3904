import type { Metadata } from "next";
import { LinkPage } from "@/components/accounts/link-page";
import { getDb } from "@/db";
import { getLinkHolderByToken } from "@/lib/accounts/link-queries";

// The token is in the URL: never send it on to another site as a referrer.
export const metadata: Metadata = { title: "重置密码", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const holder = await getLinkHolderByToken({ db: getDb(), token, purpose: "password_reset", now: new Date() });
  return <LinkPage purpose="password_reset" token={token ?? ""} holder={holder} />;
}
