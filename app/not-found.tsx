import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 text-center">
      <p className="text-4xl font-light text-slate-400">404</p>
      <h1 className="text-lg text-slate-800">页面不存在，或您无权访问</h1>
      <p className="text-sm text-slate-500">请从「我的任务」重新进入。</p>
      <Link href="/" className={buttonClass("primary")}>
        返回我的任务
      </Link>
    </main>
  );
}
