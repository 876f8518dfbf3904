import Link from "next/link";
import type { Actor } from "@/lib/core/actor";
import { logout } from "@/lib/auth/actions";
import { ROLE_LABELS } from "@/lib/core/roles";
import { env } from "@/lib/env";
import { NavDrawer } from "./nav-drawer";
import { NavLinks } from "./nav-links";
import { navItemsFor } from "./nav";

/** Who is signed in, 修改密码 and 退出登录: in the header, and in the drawer on a phone. */
function Account({ actor, className, linkClassName }: { actor: Actor; className: string; linkClassName: string }) {
  return (
    <div className={className}>
      <span data-testid="header-user">
        {actor.unitName} · {ROLE_LABELS[actor.role]} · {actor.name}
      </span>
      <Link href="/account/password" className={linkClassName} data-testid="change-password-link">
        修改密码
      </Link>
      <form action={logout}>
        <button type="submit" className={linkClassName} data-testid="logout">
          退出登录
        </button>
      </form>
    </div>
  );
}

export function AppShell({ actor, children }: { actor: Actor; children: React.ReactNode }) {
  const demo = env().DEMO_MODE;
  const items = navItemsFor(actor.role, { demo }).map(({ href, label, alsoActiveOn }) => ({ href, label, alsoActiveOn }));
  return (
    <div className="flex min-h-screen flex-col">
      {demo && (
        <div role="status" className="bg-amber-400 px-5 py-1 text-center text-sm text-amber-950 print:hidden" data-testid="demo-banner">
          演示环境：邮件页面中的账号激活和重置密码链接对能查看邮件的人可见，请勿录入真实个人信息。
        </div>
      )}
      <header className="flex h-12 shrink-0 items-center justify-between gap-3 bg-brand-700 px-5 text-white max-md:px-3 print:hidden">
        <div className="flex min-w-0 items-center gap-3">
          <NavDrawer items={items}>
            <Account actor={actor} className="flex flex-col items-start gap-2 text-sm text-slate-700" linkClassName="rounded py-1 hover:text-brand-600" />
          </NavDrawer>
          <Link href="/" className="truncate text-base font-medium">
            河北省教育厅信息报送平台
          </Link>
        </div>
        <Account actor={actor} className="flex items-center gap-4 text-sm max-md:hidden" linkClassName="rounded px-2 py-1 text-white/90 hover:bg-white/10" />
      </header>
      <div className="flex flex-1">
        <nav aria-label="主导航" className="w-48 shrink-0 border-r border-slate-200 bg-white py-3 max-md:hidden print:hidden">
          <NavLinks items={items} />
        </nav>
        <main className="min-w-0 flex-1 p-6 max-md:p-3">{children}</main>
      </div>
    </div>
  );
}
