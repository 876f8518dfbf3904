import { PublicCard } from "@/components/accounts/public-card";
import type { Actor } from "@/lib/core/actor";
import { logout } from "@/lib/auth/actions";

/** The 「两步验证」 pages: the person held at the gate, what to do, and a way out. */
export function SecondFactorCard({ actor, children }: { actor: Actor; children: React.ReactNode }) {
  return (
    <PublicCard title="两步验证" subtitle={`${actor.unitName} · ${actor.name}（${actor.email}）`}>
      <div data-testid="second-factor-page">{children}</div>
      <form action={logout} className="mt-6 text-sm">
        <button type="submit" className="text-brand-600 hover:underline" data-testid="second-factor-logout">
          退出登录
        </button>
      </form>
    </PublicCard>
  );
}
