"use client";

import Link from "next/link";
import { useActionState } from "react";
import { login, type LoginState } from "@/lib/auth/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {});
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.formError && (
        <Notice tone="error" testId="login-error">
          {state.formError}
        </Notice>
      )}
      <input type="hidden" name="next" value={next ?? ""} />
      <Field id="email" label="登录邮箱" error={state.fieldErrors?.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          defaultValue={state.email}
          data-testid="login-email"
          className={inputClass}
          {...describedBy("email", state.fieldErrors?.email)}
        />
      </Field>
      <Field id="password" label="密码" error={state.fieldErrors?.password}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          data-testid="login-password"
          className={inputClass}
          {...describedBy("password", state.fieldErrors?.password)}
        />
      </Field>
      <Button type="submit" variant="primary" disabled={pending} data-testid="login-submit" className="h-9">
        {pending ? "正在登录…" : "登录"}
      </Button>
      <Link href="/forgot-password" className="self-end text-sm text-brand-600 hover:underline" data-testid="forgot-password-link">
        忘记密码？
      </Link>
    </form>
  );
}
