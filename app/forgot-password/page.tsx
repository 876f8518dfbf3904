import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/accounts/forgot-password-form";
import { PublicCard } from "@/components/accounts/public-card";

export const metadata: Metadata = { title: "忘记密码" };

export default function ForgotPasswordPage() {
  return (
    <PublicCard title="忘记密码" subtitle="填写登录邮箱，我们会把设置新密码的链接发送到该邮箱（30 分钟内有效）。">
      <ForgotPasswordForm />
      <p className="mt-6 text-sm">
        <Link href="/login" className="text-brand-600 hover:underline">
          返回登录
        </Link>
      </p>
    </PublicCard>
  );
}
