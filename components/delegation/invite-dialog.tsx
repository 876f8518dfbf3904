"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { inviteDelegate } from "@/lib/delegation/actions";

type Person = { name: string; phone: string; email: string };

const FIELDS = [
  { name: "name", label: "姓名", type: "text", hint: undefined },
  { name: "phone", label: "联系电话", type: "tel", hint: undefined },
  { name: "email", label: "邮箱", type: "email", hint: "激活链接将发送到这个邮箱，本人设置密码后即可登录填报" },
] as const;

/** 开通账号: the delegate unit's 填报员, invited with an activation email; the server's refusals appear beside each field. */
export function InviteDialog({ submissionId, unitId, unitName }: { submissionId: number; unitId: number; unitName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<Person>({ defaultValues: { name: "", phone: "", email: "" } });
  const { register, handleSubmit, formState, setError, reset } = form;
  const { run, pending } = useAction(inviteDelegate, setError);
  const errors = formState.errors;

  const submit = handleSubmit(async (person) => {
    const result = await run({ submissionId, unitId, ...person });
    if (!result.ok) return;
    toast.success(`已为「${unitName}」开通填报账号，激活邮件已发送至 ${person.email}`);
    setOpen(false);
    reset();
    router.refresh();
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      onClose={reset}
      trigger={
        <Button variant="link" data-testid="delegate-invite" aria-label={`为${unitName}开通账号`}>
          开通账号
        </Button>
      }
      title={`开通填报账号：${unitName}`}
      description="请填写该单位负责填报的人员。系统向其邮箱发送激活链接，邮件中不含密码。"
      testId="invite-dialog"
      onSubmit={submit}
      submit={
        <Button type="submit" variant="primary" disabled={pending} data-testid="invite-submit">
          {pending ? "正在开通…" : "开通并发送激活邮件"}
        </Button>
      }
    >
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      {FIELDS.map(({ name, label, type, hint }) => {
        const id = `invite-${name}`;
        const error = errors[name]?.message;
        return (
          <Field key={name} id={id} label={label} error={error} hint={hint} required>
            <input id={id} type={type} className={inputClass} maxLength={100} autoComplete="off" data-testid={id} {...register(name)} {...describedBy(id, error)} />
          </Field>
        );
      })}
    </FormDialog>
  );
}
