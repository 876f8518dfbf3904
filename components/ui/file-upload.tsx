"use client";

import { useRef, useState } from "react";
import type { ActionResult } from "@/lib/core/errors";
import { Button } from "./button";
import { Field } from "./field";
import { FilePicker } from "./file-picker";
import { useAction } from "./use-action";

/**
 * A file field with its 「上传」 button. The size is checked here first so a large file never leaves
 * the browser; the server checks size and content again.
 */
export function FileUpload<T>({
  id,
  label,
  accept,
  maxBytes,
  testId,
  fields,
  upload,
  onUploaded,
}: {
  id: string;
  label: string;
  accept: string;
  maxBytes: number;
  testId: string;
  /** Sent with the file, e.g. the id of what it belongs to. */
  fields: Record<string, string>;
  upload: (form: FormData) => Promise<ActionResult<T>>;
  onUploaded: (data: T) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  // The one field here is the file: every refusal, of the file or of the form, is shown beside it.
  const { run, pending } = useAction(upload, (_field, { message }) => setError(message));

  async function submit() {
    const file = input.current?.files?.[0];
    if (!file) return setError("请先选择文件");
    if (file.size > maxBytes)
      return setError(`文件大小 ${(file.size / 1048576).toFixed(1)} MB，超过 ${maxBytes / 1048576} MB，请压缩或降低分辨率后重新上传`);
    setError(undefined);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set("file", file);
    const result = await run(form);
    if (!result.ok) return;
    if (input.current) input.current.value = "";
    onUploaded(result.data);
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field id={id} label={label} error={error} className="min-w-72 flex-1">
        <FilePicker id={id} accept={accept} testId={`${testId}-input`} error={error} inputRef={input} />
      </Field>
      <Button onClick={submit} disabled={pending} data-testid={`${testId}-upload`}>
        {pending ? "正在上传…" : "上传"}
      </Button>
    </div>
  );
}
