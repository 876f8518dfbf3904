"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { uploadScan } from "@/lib/roster/actions";
import { SCAN_MAX_BYTES } from "@/lib/roster/schemas";

/** Takes the stamped scan back. The size is checked here first so a large file never leaves the browser. */
export function ScanUpload({ submissionId, version }: { submissionId: number; version: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function upload() {
    const file = input.current?.files?.[0];
    if (!file) return setError("请先选择扫描件文件");
    if (file.size > SCAN_MAX_BYTES) return setError(`文件大小 ${(file.size / 1048576).toFixed(1)} MB，超过 10 MB，请压缩或降低分辨率后重新上传`);
    setError(undefined);
    setPending(true);
    const form = new FormData();
    form.set("submissionId", String(submissionId));
    form.set("expectedVersion", String(version));
    form.set("file", file);
    const result = await uploadScan(form).finally(() => setPending(false));
    if (result.ok) {
      toast.success("扫描件已上传");
      if (input.current) input.current.value = "";
      router.refresh();
    } else {
      setError(result.fieldErrors?.file ?? result.formError ?? "上传未完成，请重试");
    }
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field id="scan-file" label="盖章扫描件（PDF、JPG 或 PNG，不超过 10 MB）" error={error} className="min-w-72 flex-1">
        <input
          ref={input}
          id="scan-file"
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          className={`${inputClass} h-auto py-1`}
          data-testid="scan-input"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "scan-file-error" : undefined}
        />
      </Field>
      <Button onClick={upload} disabled={pending} data-testid="scan-upload">
        {pending ? "正在上传…" : "上传"}
      </Button>
    </div>
  );
}
