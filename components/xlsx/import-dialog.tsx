"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Tag, type TagTone } from "@/components/ui/tag";
import type { ActionResult } from "@/lib/core/errors";
import type { RowStatus } from "@/lib/xlsx/analyze";
import type { ImportPreview } from "@/lib/xlsx/commands";
import { commitImport, previewImport } from "@/lib/xlsx/actions";
import { IMPORT_ACCEPT, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, TOO_LARGE_MESSAGE } from "@/lib/xlsx/limits";

const STATUS: Record<RowStatus, { label: string; tone: TagTone }> = {
  new: { label: "新增", tone: "blue" },
  changed: { label: "修改", tone: "orange" },
  unchanged: { label: "不变", tone: "grey" },
  blank: { label: "未填写", tone: "grey" },
  error: { label: "错误", tone: "red" },
};
/** Enough to read; the full list is in the downloadable error report. */
const SHOWN = 300;

/** 「导入」: choose a file, read the preview (what changes, every error), then commit it or fix the file. */
export function ImportDialog({ submissionId }: { submissionId: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<"preview" | "commit" | "report">();

  function reset() {
    setFile(undefined);
    setPreview(undefined);
    setError(undefined);
    if (input.current) input.current.value = "";
  }

  function formFor(chosen: File): FormData {
    const form = new FormData();
    form.set("submissionId", String(submissionId));
    form.set("file", chosen);
    return form;
  }

  const refusal = (result: ActionResult<unknown>) => (result.ok ? undefined : (result.fieldErrors?.file ?? result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "导入未完成，请重试"));

  async function runPreview() {
    const chosen = input.current?.files?.[0];
    setPreview(undefined);
    if (!chosen) return setError("请先选择要导入的文件");
    if (chosen.size > IMPORT_MAX_BYTES) return setError(TOO_LARGE_MESSAGE);
    setError(undefined);
    setFile(chosen);
    setPending("preview");
    const result = await previewImport(formFor(chosen)).finally(() => setPending(undefined));
    if (result.ok) setPreview(result.data);
    else setError(refusal(result));
  }

  async function runCommit() {
    if (!file || !preview) return;
    const form = formFor(file);
    form.set("fileHash", preview.fileHash);
    form.set("seen", JSON.stringify(preview.seen));
    setPending("commit");
    const result = await commitImport(form).finally(() => setPending(undefined));
    if (!result.ok) return setError(refusal(result));
    toast.success(`导入完成：新增 ${result.data.created} 行，修改 ${result.data.updated} 行`);
    setOpen(false);
    reset();
    router.refresh();
  }

  async function downloadReport() {
    if (!file) return;
    setPending("report");
    try {
      const response = await fetch(`/submissions/${submissionId}/import-errors`, { method: "POST", body: formFor(file) });
      if (!response.ok) return setError((await response.text()) || "错误说明下载失败，请重试");
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `${file.name.replace(/\.[^.]*$/, "")}-错误说明.xlsx`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } finally {
      setPending(undefined);
    }
  }

  const writes = preview ? preview.counts.new + preview.counts.changed : 0;

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <Dialog.Trigger asChild>
        <Button data-testid="import-open">导入</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed top-[6vh] left-1/2 z-50 flex max-h-[88vh] w-[64rem] max-w-[96vw] -translate-x-1/2 flex-col gap-4 overflow-auto rounded-md bg-white p-6 shadow-xl" data-testid="import-dialog">
          <Dialog.Title className="text-base font-medium text-slate-900">从 Excel 导入</Dialog.Title>
          <Dialog.Description className="text-sm leading-relaxed text-slate-600">
            请用「下载模板」得到的表格填写，支持 .xlsx、.xls 和 .csv 文件，不超过 5 MB、{IMPORT_MAX_ROWS} 行。只导入填写了管理员信息的行，未填写的行保持原样；表格以外的列不会读取。导入前会先显示预览，确认后才写入。
          </Dialog.Description>

          <div className="flex flex-wrap items-end gap-2">
            <Field id="import-file" label="选择文件" error={error} className="min-w-72 flex-1">
              <input
                ref={input}
                id="import-file"
                type="file"
                accept={IMPORT_ACCEPT}
                className={`${inputClass} h-auto py-1`}
                data-testid="import-file"
                onChange={() => setPreview(undefined)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "import-file-error" : undefined}
              />
            </Field>
            <Button onClick={runPreview} disabled={pending !== undefined} data-testid="import-preview">
              {pending === "preview" ? "正在读取…" : "预览"}
            </Button>
          </div>

          {preview && (
            <>
              <p className="text-sm text-slate-700" data-testid="import-summary">
                工作表「{preview.sheetName}」：新增 {preview.counts.new} 行，修改 {preview.counts.changed} 行，不变 {preview.counts.unchanged} 行，未填写 {preview.counts.blank} 行
                {preview.errors.length > 0 && <span className="text-red-600">，错误 {preview.errors.length} 处</span>}。
              </p>
              {preview.errors.length > 0 && (
                <Notice tone="error" testId="import-errors">
                  <p className="mb-1">以下错误修正前不能导入（没有写入任何内容）：</p>
                  <ul className="max-h-48 list-disc overflow-auto pl-5">
                    {preview.errors.slice(0, SHOWN).map((e, i) => (
                      <li key={i}>{e}</li>
                    ))}
                  </ul>
                  {preview.errors.length > SHOWN && <p className="mt-1">另有 {preview.errors.length - SHOWN} 处错误，请下载错误说明查看。</p>}
                </Notice>
              )}
              <PreviewTable preview={preview} />
            </>
          )}

          <div className="flex flex-wrap justify-end gap-2">
            {preview && preview.errors.length > 0 && (
              <Button onClick={downloadReport} disabled={pending !== undefined} data-testid="import-error-report">
                {pending === "report" ? "正在生成…" : "下载错误说明"}
              </Button>
            )}
            <Dialog.Close asChild>
              <Button>取消</Button>
            </Dialog.Close>
            <Button variant="primary" onClick={runCommit} disabled={!preview || preview.errors.length > 0 || writes === 0 || pending !== undefined} data-testid="import-commit">
              {pending === "commit" ? "正在导入…" : writes > 0 ? `确认导入 ${writes} 行` : "确认导入"}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  // Rows that change or fail come first: those are what the person has to read.
  const order: RowStatus[] = ["error", "new", "changed", "unchanged", "blank"];
  const rows = [...preview.rows].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.line - b.line).slice(0, SHOWN);
  return (
    <div className="max-h-[40vh] overflow-auto rounded border border-slate-200">
      <table className="w-full min-w-[800px] border-collapse text-sm" data-testid="import-preview-table">
        <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="w-16 px-3 py-2 font-medium">行号</th>
            <th scope="col" className="w-20 px-3 py-2 font-medium">结果</th>
            <th scope="col" className="px-3 py-2 font-medium">单位名称</th>
            <th scope="col" className="w-24 px-3 py-2 font-medium">姓名</th>
            <th scope="col" className="w-36 px-3 py-2 font-medium">联系电话</th>
            <th scope="col" className="px-3 py-2 font-medium">邮箱</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line} className="border-t border-slate-100 align-top" data-testid="import-row" data-status={row.status}>
              <td className="px-3 py-2 text-slate-500">{row.line}</td>
              <td className="px-3 py-2">
                <Tag tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Tag>
              </td>
              <td className="px-3 py-2">{row.unitName}</td>
              <td className="px-3 py-2">{row.values.name}</td>
              <td className="px-3 py-2">{row.values.phone}</td>
              <td className="px-3 py-2">{row.values.email}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.rows.length > SHOWN && <p className="px-3 py-2 text-xs text-slate-500">仅显示前 {SHOWN} 行。</p>}
    </div>
  );
}
