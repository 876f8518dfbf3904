import { AppShell } from "@/components/layout/app-shell";
import { requireActor } from "@/lib/auth/current";

// Per-user pages: never cached or prerendered.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
