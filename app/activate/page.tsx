import type { Metadata } from "next";
import { LinkPage } from "@/components/accounts/link-page";

// The token is in the URL: never send it on to another site as a referrer.
export const metadata: Metadata = { title: "激活账号", referrer: "no-referrer" };

export default async function ActivatePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return <LinkPage purpose="activation" token={token} />;
}
