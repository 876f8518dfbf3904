"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonClass } from "@/components/ui/button";

/**
 * A portal page that failed to render, inside the portal's frame. The error's own text never shows (it
 * may carry database detail); its digest matches the server's log line, for whoever is asked for help.
 * `retry` fetches the page from the server again (`reset` would only re-render what already failed).
 */
export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-3 text-center" data-testid="page-error">
      <h1 className="text-lg text-slate-800">页面暂时无法显示</h1>
      <p className="max-w-md text-sm text-slate-500">服务器处理时出现异常。请点击「重试」；如仍无法显示，请稍后再试，或返回我的任务后重新进入。</p>
      {digest && <p className="text-xs text-slate-400">错误编号：{digest}（联系管理员时请提供）</p>}
      <div className="flex gap-2">
        <Button variant="primary" onClick={() => retry()} data-testid="page-error-retry">
          重试
        </Button>
        <Link href="/" className={buttonClass()}>
          返回我的任务
        </Link>
      </div>
    </div>
  );
}
