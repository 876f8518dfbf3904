import Link from "next/link";
import type { Actor } from "@/lib/core/actor";
import { logout } from "@/lib/auth/actions";
import { ROLE_LABELS } from "@/lib/core/roles";
import { env } from "@/lib/env";
import { NavLinks } from "./nav-links";
import { navItemsFor } from "./nav";

export function AppShell({ actor, children }: { actor: Actor; children: React.ReactNode }) {
  const demo = env().DEMO_MODE;
  return (
    <div className="flex min-h-screen flex-col">
      {demo && (
        <div role="status" className="bg-amber-400 px-5 py-1 text-center text-sm text-amber-950 print:hidden" data-testid="demo-banner">
          演示环境：邮件页面中的账号激活和重置密码链接对能查看邮件的人可见，请勿录入真实个人信息。
        </div>
      )}
      <header className="flex h-12 shrink-0 items-center justify-between bg-brand-700 px-5 text-white print:hidden">
        <Link href="/" className="flex items-baseline gap-2">
          <span className="text-base font-medium">河北省教育厅信息报送平台</span>
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <span data-testid="header-user">
            {actor.unitName} · {ROLE_LABELS[actor.role]} · {actor.name}
          </span>
          <Link href="/account/password" className="rounded px-2 py-1 text-white/90 hover:bg-white/10" data-testid="change-password-link">
            修改密码
          </Link>
          <form action={logout}>
            <button type="submit" className="rounded px-2 py-1 text-white/90 hover:bg-white/10" data-testid="logout">
              退出登录
            </button>
          </form>
        </div>
      </header>
      <div className="flex flex-1">
        <nav aria-label="主导航" className="w-48 shrink-0 border-r border-slate-200 bg-white py-3 print:hidden">
          <NavLinks items={navItemsFor(actor.role, { demo }).map(({ href, label, alsoActiveOn }) => ({ href, label, alsoActiveOn }))} />
        </nav>
        <main className="min-w-0 flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
