import type { Metadata } from "next";
import { LinkPage } from "@/components/accounts/link-page";
import { getDb } from "@/db";
import { getLinkHolderByToken } from "@/lib/accounts/link-queries";

// The token is in the URL: never send it on to another site as a referrer.
export const metadata: Metadata = { title: "激活账号", referrer: "no-referrer" };

export default async function ActivatePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const holder = await getLinkHolderByToken({ db: getDb(), token, purpose: "activation", now: new Date() });
  return <LinkPage purpose="activation" token={token ?? ""} holder={holder} />;
}
