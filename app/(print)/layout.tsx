import { requireActor } from "@/lib/auth/current";

export const dynamic = "force-dynamic";

/** Pages meant for paper: no navigation around them. */
export default async function PrintLayout({ children }: { children: React.ReactNode }) {
  await requireActor();
  return <div className="min-h-screen bg-slate-200 py-6 print:bg-white print:py-0">{children}</div>;
}
