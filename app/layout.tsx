import type { Metadata } from "next";
import { connection } from "next/server";
import { Toaster } from "sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "报送 · 河北省教育厅信息报送平台", template: "%s · 报送" },
  description: "河北省教育厅信息报送平台",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: Next.js can only put proxy.ts's fresh CSP nonce on scripts it renders then.
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">
        {children}
        <Toaster position="top-center" richColors closeButton />
      </body>
    </html>
  );
}
