"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Tag, type TagTone } from "@/components/ui/tag";
import type { ActionResult } from "@/lib/core/errors";
import type { ImportOutcome, RowStatus } from "@/lib/units/import";
import { IMPORT_ACCEPT, IMPORT_MAX_BYTES, TOO_LARGE_MESSAGE } from "@/lib/xlsx/limits";

const STATUS: Record<RowStatus, { label: string; tone: TagTone }> = {
  new: { label: "新增", tone: "blue" },
  changed: { label: "更新", tone: "orange" },
  unchanged: { label: "无变化", tone: "grey" },
  error: { label: "有错误", tone: "red" },
};

/**
 * A list import in two steps: 「检查」 shows what every row would do and writes nothing; 「确认导入」
 * sends the same file again and writes all rows, or none if any row is wrong.
 */
export function ImportPanel({ action, noun, templateHref }: { action: (form: FormData) => Promise<ActionResult<ImportOutcome>>; noun: string; templateHref: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [fileError, setFileError] = useState<string>();
  const [refusal, setRefusal] = useState<{ message?: string; rows: string[] }>();
  const [pending, setPending] = useState<"preview" | "commit">();
  const [onlyErrors, setOnlyErrors] = useState(false);

  async function send(mode: "preview" | "commit") {
    const file = input.current?.files?.[0];
    if (!file) return setFileError("请先选择要导入的 Excel 文件");
    if (file.size > IMPORT_MAX_BYTES) return setFileError(TOO_LARGE_MESSAGE);
    setFileError(undefined);
    setRefusal(undefined);
    setPending(mode);
    const form = new FormData();
    form.set("mode", mode);
    form.set("file", file);
    const result = await action(form).finally(() => setPending(undefined));
    if (result.ok) {
      setOutcome(result.data);
      if (result.data.committed) {
        const { new: created, changed } = result.data.preview.counts;
        toast.success(`导入完成：新增 ${created} 个${noun}${changed ? `，更新 ${changed} 个` : ""}`);
        router.refresh();
      }
      return;
    }
    if (result.fieldErrors?.file) return setFileError(result.fieldErrors.file);
    const rows = Object.entries(result.fieldErrors ?? {}).filter(([k]) => k.startsWith("line.")).map(([, v]) => v);
    setOutcome(undefined);
    setRefusal({ message: result.formError ?? `有 ${rows.length} 行需要修改，没有导入任何一行。请按提示修改表格后重新检查。`, rows });
  }

  const preview = outcome?.preview;
  const writable = preview ? preview.counts.new + preview.counts.changed : 0;
  const rows = preview?.rows.filter((r) => !onlyErrors || r.status === "error") ?? [];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-2">
        <Field id="import-file" label={`Excel 文件（.xlsx、.xls 或 .csv，不超过 ${IMPORT_MAX_BYTES / 1048576} MB）`} error={fileError} className="min-w-80 flex-1">
          <input
            ref={input}
            id="import-file"
            type="file"
            accept={IMPORT_ACCEPT}
            className={`${inputClass} h-auto py-1`}
            data-testid="import-file"
            onChange={() => setOutcome(undefined)}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "import-file-error" : undefined}
          />
        </Field>
        <Button onClick={() => send("preview")} disabled={pending !== undefined} data-testid="import-preview">
          {pending === "preview" ? "正在检查…" : "检查"}
        </Button>
        <a href={templateHref} className="text-sm text-brand-600 hover:underline" data-testid="import-template">
          下载模板
        </a>
      </div>

      {refusal && (
        <Notice tone="error" testId="import-refused">
          <p>{refusal.message}</p>
          {refusal.rows.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {refusal.rows.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}

      {preview && (
        <>
          {outcome.committed ? (
            <Notice tone="success" testId="import-done">
              已导入：新增 {preview.counts.new} 个，更新 {preview.counts.changed} 个，无变化 {preview.counts.unchanged} 个。
            </Notice>
          ) : preview.counts.error > 0 ? (
            <Notice tone="error" testId="import-errors">
              共 {preview.rows.length} 行，其中 {preview.counts.error} 行有错误。请按「说明」修改表格后重新选择文件检查；有错误时不会导入任何一行。
            </Notice>
          ) : (
            <Notice tone="info" testId="import-ready">
              共 {preview.rows.length} 行：新增 {preview.counts.new} 个，更新 {preview.counts.changed} 个，无变化 {preview.counts.unchanged} 个。确认无误后点击「确认导入」。
            </Notice>
          )}
          <div className="flex flex-wrap items-center gap-3">
            {!outcome.committed && (
              <Button variant="primary" onClick={() => send("commit")} disabled={pending !== undefined || preview.counts.error > 0 || writable === 0} data-testid="import-commit">
                {pending === "commit" ? "正在导入…" : `确认导入（${writable} 行）`}
              </Button>
            )}
            <label className="inline-flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />
              只看有错误的行
            </label>
          </div>
          <div className="max-h-[60vh] overflow-auto rounded border border-slate-200">
            <table className="w-full min-w-[900px] border-collapse text-sm" data-testid="import-table">
              <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="w-14 px-3 py-2 font-medium">行号</th>
                  {preview.headings.map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                  <th scope="col" className="w-20 px-3 py-2 font-medium">结果</th>
                  <th scope="col" className="px-3 py-2 font-medium">说明</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.line} className="border-t border-slate-100 align-top" data-testid="import-row" data-status={row.status}>
                    <td className="px-3 py-1.5 text-slate-400">{row.line}</td>
                    {row.cells.map((c, i) => (
                      <td key={i} className="px-3 py-1.5 break-all">
                        {c}
                      </td>
                    ))}
                    <td className="px-3 py-1.5">
                      <Tag tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Tag>
                    </td>
                    <td className="px-3 py-1.5 text-xs">
                      {row.errors.map((m) => (
                        <p key={m} className="text-red-600">
                          {m}
                        </p>
                      ))}
                      {row.changes.map((m) => (
                        <p key={m} className="text-slate-600">
                          {m}
                        </p>
                      ))}
                      {row.warnings.map((m) => (
                        <p key={m} className="text-amber-700">
                          ⚠ {m}
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
