"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FileUpload } from "@/components/ui/file-upload";
import { useAction } from "@/components/ui/use-action";
import { addAttachment, removeAttachment } from "@/lib/campaigns/actions";
import type { AttachmentInfo } from "@/lib/campaigns/queries";
import { ATTACHMENT_MAX_BYTES } from "@/lib/campaigns/schemas";
import { AttachmentList } from "./attachment-list";

/** Adds and removes the notice's attachments. */
export function AttachmentManager({ campaignId, attachments, disabled }: { campaignId: number; attachments: AttachmentInfo[]; disabled?: boolean }) {
  const router = useRouter();
  const { run: runRemove } = useAction(removeAttachment);
  async function remove(attachment: AttachmentInfo) {
    if ((await runRemove({ campaignId, attachmentId: attachment.id })).ok) {
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
        <FileUpload
          id="attachment-file"
          label="添加附件（PDF、Word .docx 或 Excel .xlsx，不超过 10 MB）"
          accept=".pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxBytes={ATTACHMENT_MAX_BYTES}
          testId="attachment"
          fields={{ campaignId: String(campaignId) }}
          upload={addAttachment}
          onUploaded={(data) => {
            toast.success(`已添加附件「${data.fileName}」`);
            router.refresh();
          }}
        />
      )}
    </div>
  );
}
