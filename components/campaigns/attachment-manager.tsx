"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { applyResult } from "@/components/roster/apply-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import { addAttachment, removeAttachment } from "@/lib/campaigns/actions";
import type { AttachmentInfo } from "@/lib/campaigns/queries";
import { ATTACHMENT_MAX_BYTES } from "@/lib/campaigns/schemas";
import { AttachmentList } from "./attachment-list";

/** Adds and removes the notice's attachments. The size is checked here first so a large file never leaves the browser. */
export function AttachmentManager({ campaignId, attachments, disabled }: { campaignId: number; attachments: AttachmentInfo[]; disabled?: boolean }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function upload() {
    const file = input.current?.files?.[0];
    if (!file) return setError("请先选择文件");
    if (file.size > ATTACHMENT_MAX_BYTES) return setError(`文件大小 ${(file.size / 1048576).toFixed(1)} MB，超过 10 MB，请压缩后重新上传`);
    setError(undefined);
    setPending(true);
    const form = new FormData();
    form.set("campaignId", String(campaignId));
    form.set("file", file);
    const result = await addAttachment(form).finally(() => setPending(false));
    if (result.ok) {
      toast.success(`已添加附件「${result.data.fileName}」`);
      if (input.current) input.current.value = "";
      router.refresh();
    } else {
      setError(result.fieldErrors?.file ?? result.formError ?? "上传未完成，请重试");
    }
  }

  async function remove(attachment: AttachmentInfo) {
    if (applyResult(await removeAttachment({ campaignId, attachmentId: attachment.id }))) {
      toast.success(`已删除附件「${attachment.fileName}」`);
      router.refresh();
    }
  }

  return (
    <div className="flex flex-col gap-3">
      {attachments.length === 0 ? (
        <p className="text-sm text-slate-500">暂无附件。</p>
      ) : (
        <AttachmentList
          campaignId={campaignId}
          attachments={attachments}
          action={(a) =>
            !disabled && (
              <ConfirmDialog
                trigger={<Button variant="link">删除</Button>}
                title="删除附件？"
                description={`删除后，各单位将不能再下载「${a.fileName}」。`}
                confirmLabel="删除"
                confirmVariant="danger"
                onConfirm={() => remove(a)}
              />
            )
          }
        />
      )}
      {!disabled && (
        <div className="flex flex-wrap items-end gap-2">
          <Field id="attachment-file" label="添加附件（PDF、Word .docx 或 Excel .xlsx，不超过 10 MB）" error={error} className="min-w-72 flex-1">
            <input
              ref={input}
              id="attachment-file"
              type="file"
              accept=".pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className={`${inputClass} h-auto py-1`}
              data-testid="attachment-input"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "attachment-file-error" : undefined}
            />
          </Field>
          <Button onClick={upload} disabled={pending} data-testid="attachment-upload">
            {pending ? "正在上传…" : "上传"}
          </Button>
        </div>
      )}
    </div>
  );
}
