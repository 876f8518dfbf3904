"use client";

import { useState } from "react";
import { cn } from "./cn";

/**
 * A file input that says 「选择文件」 and 「未选择文件」 whatever the browser's language. The native input stays
 * (hidden from sight, not from the keyboard or screen readers): Tab reaches it and Space opens the picker;
 * the visible button is its label, so a click opens it too.
 */
export function FilePicker({
  id,
  accept,
  testId,
  error,
  inputRef,
  onChange,
}: {
  id: string;
  accept: string;
  testId: string;
  error?: string;
  inputRef: React.Ref<HTMLInputElement>;
  onChange?: () => void;
}) {
  const [fileName, setFileName] = useState<string>();
  return (
    <div className="flex min-h-8 items-center gap-2">
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={accept}
        className="peer sr-only"
        data-testid={testId}
        onChange={(event) => {
          setFileName(event.currentTarget.files?.[0]?.name);
          onChange?.();
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label
        htmlFor={id}
        aria-hidden
        className={cn(
          "inline-flex h-8 shrink-0 cursor-pointer items-center rounded border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:border-brand-500",
          "peer-focus-visible:border-brand-500 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-100 peer-aria-invalid:border-red-500",
        )}
      >
        选择文件
      </label>
      <span className="min-w-0 truncate text-sm text-slate-600" data-testid={`${testId}-name`}>
        {fileName ?? "未选择文件"}
      </span>
    </div>
  );
}
