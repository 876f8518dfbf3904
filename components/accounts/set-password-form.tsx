"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { PASSWORD_HINT } from "@/lib/accounts/password-rules";
import { activateAccount, resetPassword } from "@/lib/accounts/public-actions";
import { type SetPasswordInput, setPasswordSchema } from "@/lib/accounts/schemas";

/** Sets a password from an emailed link; on success the server signs the person in and opens the portal. */
export function SetPasswordForm({ purpose, token, email, unitName }: { purpose: "activation" | "password_reset"; token: string; email: string; unitName: string }) {
  const { register, handleSubmit, formState, setError } = useForm<SetPasswordInput>({
    resolver: zodResolver(setPasswordSchema({ email, unitName })),
    defaultValues: { token, password: "", confirm: "" },
  });
  const { run: setPassword } = useAction(purpose === "activation" ? activateAccount : resetPassword, setError);
  const errors = formState.errors;
  const onSubmit = handleSubmit((values) => setPassword(values));
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="设置密码">
      {errors.root?.server && (
        <Notice tone="error" testId="set-password-error">
          {errors.root.server.message}
        </Notice>
      )}
      {errors.token && <Notice tone="error">{errors.token.message}</Notice>}
      <div className="flex flex-col gap-1">
        <span className="text-sm text-slate-700">登录账号</span>
        <span className="text-slate-900" data-testid="set-password-login">
          {email}
        </span>
      </div>
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field id="password" label="新密码" error={errors.password?.message} hint={PASSWORD_HINT} required>
        <input id="password" type="password" autoComplete="new-password" autoFocus className={inputClass} data-testid="set-password-password" {...register("password")} {...describedBy("password", errors.password?.message)} />
      </Field>
      <Field id="confirm" label="再次输入新密码" error={errors.confirm?.message} required>
        <input id="confirm" type="password" autoComplete="new-password" className={inputClass} data-testid="set-password-confirm" {...register("confirm")} {...describedBy("confirm", errors.confirm?.message)} />
      </Field>
      <Button type="submit" variant="primary" disabled={formState.isSubmitting} data-testid="set-password-submit" className="h-9">
        {formState.isSubmitting ? "正在设置…" : purpose === "activation" ? "设置密码并登录" : "设置新密码并登录"}
      </Button>
    </form>
  );
}
