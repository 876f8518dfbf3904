"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { changePassword } from "@/lib/accounts/actions";
import { PASSWORD_HINT } from "@/lib/accounts/password-rules";
import { type ChangePasswordInput, changePasswordSchema } from "@/lib/accounts/schemas";

/** 「修改密码」: on success every session of the account has ended, so the person signs in again. */
export function ChangePasswordForm({ email, unitName }: { email: string; unitName: string }) {
  const { register, handleSubmit, formState, setError } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema({ email, unitName })),
    defaultValues: { currentPassword: "", password: "", confirm: "" },
  });
  const router = useRouter();
  const { run, pending } = useAction(changePassword, setError);
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    if ((await run(values)).ok) router.replace("/login?changed=1");
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="修改密码">
      {errors.root?.server && (
        <Notice tone="error" testId="change-password-error">
          {errors.root.server.message}
        </Notice>
      )}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field id="currentPassword" label="当前密码" error={errors.currentPassword?.message} required>
        <input
          id="currentPassword"
          type="password"
          autoComplete="current-password"
          autoFocus
          className={inputClass}
          data-testid="change-password-current"
          {...register("currentPassword")}
          {...describedBy("currentPassword", errors.currentPassword?.message)}
        />
      </Field>
      <Field id="password" label="新密码" error={errors.password?.message} hint={PASSWORD_HINT} required>
        <input id="password" type="password" autoComplete="new-password" className={inputClass} data-testid="change-password-password" {...register("password")} {...describedBy("password", errors.password?.message)} />
      </Field>
      <Field id="confirm" label="再次输入新密码" error={errors.confirm?.message} required>
        <input id="confirm" type="password" autoComplete="new-password" className={inputClass} data-testid="change-password-confirm" {...register("confirm")} {...describedBy("confirm", errors.confirm?.message)} />
      </Field>
      <Button type="submit" variant="primary" disabled={pending} data-testid="change-password-submit" className="h-9">
        {pending ? "正在修改…" : "修改密码"}
      </Button>
    </form>
  );
}
