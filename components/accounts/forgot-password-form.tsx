"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { forgotPassword } from "@/lib/accounts/public-actions";
import { type ForgotPasswordInput, forgotPasswordSchema } from "@/lib/accounts/schemas";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<ForgotPasswordInput>({
    resolver: zodResolver(forgotPasswordSchema),
    defaultValues: { email: "" },
  });
  const { run: request } = useAction(forgotPassword, setError);
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const result = await request(values);
    if (result.ok) setSent(result.data.message);
  });
  if (sent) {
    return (
      <Notice tone="success" testId="forgot-password-sent">
        {sent}
      </Notice>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="忘记密码">
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      <Field id="email" label="登录邮箱" error={errors.email?.message} required>
        <input id="email" type="email" autoComplete="username" autoFocus className={inputClass} data-testid="forgot-password-email" {...register("email")} {...describedBy("email", errors.email?.message)} />
      </Field>
      <Button type="submit" variant="primary" disabled={formState.isSubmitting} data-testid="forgot-password-submit" className="h-9">
        {formState.isSubmitting ? "正在发送…" : "发送重置链接"}
      </Button>
    </form>
  );
}
