"use client";

import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/core/errors";
import { answerQuestion, triageQuestion } from "@/lib/training/questions/actions";
import { ANSWER_MAX, NOTE_MAX } from "@/lib/training/questions/rules";

/** The two ways a question is passed along: the city's 转交意见, the province's 答复. */
const REPLIES = {
  triage: { field: "note", label: "转交意见", max: NOTE_MAX, submit: "转交省级", done: "已转交省级", action: triageQuestion },
  answer: { field: "answer", label: "答复内容", max: ANSWER_MAX, submit: "提交答复", done: "已答复，提问单位将收到邮件通知", action: answerQuestion },
} as const satisfies Record<string, { field: string; label: string; max: number; submit: string; done: string; action: (input: unknown) => Promise<ActionResult<unknown>> }>;

type Values = Record<string, string>;

export function ReplyForm({ kind, questionId, version }: { kind: keyof typeof REPLIES; questionId: number; version: number }) {
  const reply = REPLIES[kind];
  const router = useRouter();
  const form = useForm<Values>({ defaultValues: { [reply.field]: "" } });
  const { run, pending } = useAction(reply.action, form.setError);
  const id = `${kind}-${questionId}`;
  const error = form.formState.errors[reply.field]?.message;

  const submit = form.handleSubmit(async (values) => {
    const result = await run({ questionId, expectedVersion: version, [reply.field]: values[reply.field] });
    if (!result.ok) return;
    toast.success(reply.done);
    router.refresh();
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2" data-testid={`${kind}-form`}>
      <Field id={id} label={reply.label} error={error} required>
        <textarea
          id={id}
          rows={3}
          maxLength={reply.max}
          className={cn(inputClass, "h-auto py-1")}
          data-testid={`${kind}-text`}
          {...form.register(reply.field, { validate: (v) => v.trim().length > 0 || `${reply.label}：请填写` })}
          {...describedBy(id, error)}
        />
      </Field>
      {form.formState.errors.root?.server && <Notice tone="error">{form.formState.errors.root.server.message}</Notice>}
      <div>
        <Button type="submit" variant="primary" disabled={pending} data-testid={`${kind}-submit`}>
          {pending ? "正在提交…" : reply.submit}
        </Button>
      </div>
    </form>
  );
}
