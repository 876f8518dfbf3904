"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { FilePicker } from "@/components/ui/file-picker";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { QuestionCategory } from "@/db/schema";
import { askQuestion } from "@/lib/training/questions/actions";
import { BODY_MAX, CATEGORY_LABELS, SCREENSHOT_MAX_BYTES } from "@/lib/training/questions/rules";

type Values = { category: QuestionCategory | ""; body: string; screenshot: string };

/** 提出问题: the category, the description and an optional screenshot, sent as one multipart form. */
export function AskForm({ submissionId }: { submissionId: number }) {
  const router = useRouter();
  const file = useRef<HTMLInputElement>(null);
  const form = useForm<Values>({ defaultValues: { category: "", body: "", screenshot: "" } });
  const { errors } = form.formState;
  const { run, pending } = useAction(askQuestion, form.setError);

  async function send({ category, body }: Values) {
    const screenshot = file.current?.files?.[0];
    // Checked here first so a large file never leaves the browser; the server checks size and bytes again.
    if (screenshot && screenshot.size > SCREENSHOT_MAX_BYTES) return form.setError("screenshot", { message: "截图：不能超过 5 MB，请裁剪或压缩后重新选择" });
    const data = new FormData();
    data.set("submissionId", String(submissionId));
    data.set("category", category);
    data.set("body", body);
    if (screenshot) data.set("screenshot", screenshot);
    const result = await run(data);
    if (!result.ok) return;
    toast.success("问题已提交");
    form.reset();
    if (file.current) file.current.value = "";
    router.refresh();
  }

  return (
    <form onSubmit={(event) => form.handleSubmit(send)(event)} noValidate className="flex flex-col gap-3" data-testid="ask-form">
      <Field id="question-category" label="分类" error={errors.category?.message} required className="max-w-60">
        <select
          id="question-category"
          className={inputClass}
          data-testid="question-category"
          {...form.register("category", { required: "问题分类：请选择" })}
          {...describedBy("question-category", errors.category?.message)}
        >
          <option value="">请选择</option>
          {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="question-body" label="问题描述" error={errors.body?.message} hint={`请写明操作步骤和提示信息，不超过 ${BODY_MAX} 字。`} required>
        <textarea
          id="question-body"
          rows={5}
          maxLength={BODY_MAX}
          className={cn(inputClass, "h-auto py-1")}
          data-testid="question-body"
          {...form.register("body", { validate: (v) => v.trim().length > 0 || "问题描述：请填写" })}
          {...describedBy("question-body", errors.body?.message)}
        />
      </Field>
      <Field id="question-screenshot" label="截图" error={errors.screenshot?.message} hint="可选，PNG 或 JPG 图片，不超过 5 MB。">
        <FilePicker
          id="question-screenshot"
          accept="image/png,image/jpeg"
          testId="question-screenshot"
          error={errors.screenshot?.message}
          inputRef={file}
          onChange={() => form.clearErrors("screenshot")}
        />
      </Field>
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
      <div>
        <Button type="submit" variant="primary" disabled={pending} data-testid="ask-submit">
          {pending ? "正在提交…" : "提交问题"}
        </Button>
      </div>
    </form>
  );
}
