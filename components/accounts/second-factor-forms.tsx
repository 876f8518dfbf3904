"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { type FieldValues, type Path, useForm, type UseFormRegister } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { enrolSecondFactor, verifySecondFactor } from "@/lib/accounts/actions";
import { type EnrolSecondFactorInput, enrolSecondFactorSchema, type VerifySecondFactorInput, verifySecondFactorSchema } from "@/lib/accounts/schemas";

function CodeField<T extends FieldValues & { code: string }>({ register, error, label, hint }: { register: UseFormRegister<T>; error?: string; label: string; hint: string }) {
  return (
    <Field id="code" label={label} error={error} hint={hint} required>
      <input
        id="code"
        autoComplete="one-time-code"
        autoFocus
        spellCheck={false}
        maxLength={40}
        className={`${inputClass} font-mono tracking-widest`}
        data-testid="second-factor-code"
        {...register("code" as Path<T>)}
        {...describedBy("code", error)}
      />
    </Field>
  );
}

function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Notice tone="error" testId="second-factor-error">
      {message}
    </Notice>
  );
}

/**
 * The secret to add to an authenticator app (QR code, or typed in), confirmed with one of its codes; then,
 * in its place, the recovery codes, shown once before going on.
 */
export function SecondFactorEnrolForm({ enrolment, qr, secret }: { enrolment: string; qr: string; secret: string }) {
  const router = useRouter();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<EnrolSecondFactorInput>({
    resolver: zodResolver(enrolSecondFactorSchema),
    defaultValues: { enrolment, code: "" },
  });
  const { run, pending } = useAction(enrolSecondFactor, setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(values);
    if (result.ok) setRecoveryCodes(result.data.recoveryCodes);
  });

  if (recoveryCodes) {
    return (
      <div className="flex flex-col gap-4">
        <Notice tone="success" testId="second-factor-enrolled">
          两步验证已设置。以后每次登录，输入密码后还须输入身份验证器显示的验证码。
        </Notice>
        <div>
          <h2 className="mb-1 text-base font-medium text-slate-900">恢复码</h2>
          <p className="mb-2 text-sm text-slate-600">
            手机丢失或不在身边时，可用恢复码代替验证码登录，每个只能使用一次。恢复码只显示这一次，请抄写或打印后妥善保管，不要存放在手机里。
          </p>
          <ol className="grid grid-cols-2 gap-x-6 gap-y-1 rounded border border-slate-200 bg-slate-50 px-4 py-3 font-mono text-sm" data-testid="second-factor-recovery-codes">
            {recoveryCodes.map((code) => (
              <li key={code} data-testid="second-factor-recovery-code">
                {code}
              </li>
            ))}
          </ol>
        </div>
        <Button type="button" variant="primary" className="h-9" data-testid="second-factor-continue" onClick={() => router.replace("/")}>
          我已保存恢复码，进入平台
        </Button>
      </div>
    );
  }

  return (
    <>
      <p className="mb-3 text-sm text-slate-600">
        您的账号须使用两步验证登录。请在手机上安装身份验证器应用（如 Microsoft Authenticator、Google Authenticator、腾讯身份验证器），用它扫描下方二维码，然后输入它显示的 6 位验证码。
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server: nothing for next/image to optimise */}
      <img src={qr} width={200} height={200} alt="两步验证二维码：请用身份验证器应用扫描" className="mx-auto mb-3 rounded border border-slate-200" data-testid="second-factor-qr" />
      <p className="mb-1 text-sm text-slate-600">无法扫描时，可在应用中选择手动输入，填写以下密钥（基于时间）：</p>
      <p className="mb-4 rounded bg-slate-50 px-3 py-2 text-center font-mono text-sm tracking-wider break-all text-slate-900" data-testid="second-factor-secret">
        {secret.match(/.{1,4}/g)?.join(" ")}
      </p>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="设置两步验证">
        <input type="hidden" {...register("enrolment")} />
        <FormError message={formState.errors.root?.server?.message ?? formState.errors.enrolment?.message} />
        <CodeField register={register} error={formState.errors.code?.message} label="验证码" hint="添加后，输入身份验证器为本平台显示的 6 位数字" />
        <Button type="submit" variant="primary" disabled={pending} data-testid="second-factor-submit" className="h-9">
          {pending ? "正在验证…" : "完成设置"}
        </Button>
      </form>
    </>
  );
}

/** The code after the password: from the authenticator, or one of the recovery codes. */
export function SecondFactorForm() {
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<VerifySecondFactorInput>({
    resolver: zodResolver(verifySecondFactorSchema),
    defaultValues: { code: "" },
  });
  const { run, pending } = useAction(verifySecondFactor, setError);
  const onSubmit = handleSubmit(async (values) => {
    if ((await run(values)).ok) router.replace("/");
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="两步验证">
      <FormError message={formState.errors.root?.server?.message} />
      <CodeField register={register} error={formState.errors.code?.message} label="验证码" hint="打开手机上的身份验证器，输入本平台当前显示的 6 位数字；手机不在身边时，可输入一个恢复码" />
      <Button type="submit" variant="primary" disabled={pending} data-testid="second-factor-submit" className="h-9">
        {pending ? "正在验证…" : "验证"}
      </Button>
    </form>
  );
}
