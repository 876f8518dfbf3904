import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Notice } from "@/components/ui/notice";
import { GATE_PAGES, getSignedIn } from "@/lib/auth/current";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; changed?: string }> }) {
  const signedIn = await getSignedIn();
  if (signedIn) redirect(signedIn.gate ? GATE_PAGES[signedIn.gate] : "/");
  const { next, changed } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-700 to-brand-500 p-6">
      <div className="w-full max-w-sm rounded-lg bg-white p-8 shadow-xl">
        <p className="text-sm text-slate-500">河北省教育厅</p>
        <h1 className="mb-1 text-2xl font-medium text-slate-900">信息报送平台</h1>
        <p className="mb-6 text-sm text-slate-500">请使用单位分配的账号登录</p>
        {changed && (
          <Notice tone="success" testId="password-changed" className="mb-4">
            密码已修改，请使用新密码登录。
          </Notice>
        )}
        <LoginForm next={next} />
        <p className="mt-6 text-xs leading-relaxed text-slate-400">
          连续 5 次输错密码，账号将锁定 15 分钟。如遇问题请联系省教育厅职成教处。
        </p>
      </div>
    </main>
  );
}
