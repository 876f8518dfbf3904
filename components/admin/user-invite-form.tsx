"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { FormProvider, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { inviteUser } from "@/lib/users/actions";
import { type InviteUserInput, type InviteUserOutput, inviteUserSchema, USER_FIELD_LABELS } from "@/lib/users/schemas";
import { type AccountUnitChoice, offeredRoles, UserFields } from "./user-fields";

/** 邀请用户: the account is created waiting for activation, and the person gets a link to set their own password. */
export function UserInviteForm({ units }: { units: AccountUnitChoice[] }) {
  const router = useRouter();
  const form = useForm<InviteUserInput, unknown, InviteUserOutput>({
    resolver: zodResolver(inviteUserSchema),
    defaultValues: { email: "", name: "", unitId: "", role: offeredRoles(units)[0] },
  });
  const { register, handleSubmit, formState, setError } = form;
  const { run: save } = useAction(inviteUser, setError);
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const result = await save(values);
    if (result.ok) {
      toast.success(`已邀请 ${values.email}，激活邮件已发出`);
      router.push(`/admin/users/${result.data.userId}`);
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" noValidate aria-label="邀请用户">
        {errors.root?.server && (
          <Notice tone="error" testId="user-form-error">
            {errors.root.server.message}
          </Notice>
        )}
        <Field id="email" label={USER_FIELD_LABELS.email} error={errors.email?.message} hint="激活链接将发送到这个邮箱，用户自己设置密码" required>
          <input id="email" type="email" className={inputClass} maxLength={100} autoComplete="off" data-testid="user-email" {...register("email")} {...describedBy("email", errors.email?.message)} />
        </Field>
        <UserFields units={units} />
        <div>
          <Button type="submit" variant="primary" disabled={formState.isSubmitting} data-testid="user-save">
            {formState.isSubmitting ? "正在邀请…" : "邀请并发送激活邮件"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
