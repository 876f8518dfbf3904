"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { PrivacyNotice } from "@/components/privacy/privacy-notice";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FilePicker } from "@/components/ui/file-picker";
import { Notice } from "@/components/ui/notice";
import { saveResponse } from "@/components/ui/save-file";
import { Tag, type TagTone } from "@/components/ui/tag";
import { useAction } from "@/components/ui/use-action";
import { ACTION_FAILED_MESSAGE, type ActionResult } from "@/lib/core/errors";
import { type NoticeSection, PRIVACY_NOTICE_TITLE, PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";
import { IMPORT_ACCEPT, IMPORT_MAX_BYTES, TOO_LARGE_MESSAGE } from "@/lib/xlsx/limits";
import type { ImportOutcome, RowStatus } from "@/lib/xlsx/pipeline";

type ImportAction = (form: FormData) => Promise<ActionResult<ImportOutcome>>;

const STATUS: Record<RowStatus, { label: string; tone: TagTone }> = {
  new: { label: "新增", tone: "blue" },
  changed: { label: "修改", tone: "orange" },
  unchanged: { label: "不变", tone: "grey" },
  blank: { label: "未填写", tone: "grey" },
  error: { label: "错误", tone: "red" },
};
/** Rows that change or fail come first: those are what the person has to read. */
const ORDER: RowStatus[] = ["error", "new", "changed", "unchanged", "blank"];
/** Enough to read; the full list is in the downloadable error report. */
const SHOWN = 300;
/** A commit that never answered: the transaction did not complete, so nothing was written. */
const COMMIT_FAILED_MESSAGE = "服务器未完成导入，未写入任何内容，请重试。";
/** …unless the answer alone was lost: read again, the file has nothing left to write. */
const COMMIT_UNHEARD_MESSAGE = "服务器没有答复，但重新核对后，文件的内容已全部在本表中（导入可能已经完成）。请关闭窗口核对表格。";
type Refusal = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * Every import in two steps: choose a file and read the preview (what each row would do, every
 * error), then commit that same file — all rows, or none if any is wrong — or fix the file.
 */
export function ImportDialog({
  preview,
  commit,
  fields = {},
  label = "导入",
  title,
  description = "请使用「下载模板」得到的表格填写。先「预览」核对每一行，确认无误后再导入；只要有一行有错误，就不会导入任何一行。",
  templateHref,
  errorReportUrl,
  privacyNotice,
  showMapping = false,
  children,
}: {
  preview: ImportAction;
  commit: ImportAction;
  /** Sent with the file in both steps, e.g. which table the rows go into. */
  fields?: Record<string, string>;
  /** The button that opens the dialog. */
  label?: string;
  title: string;
  description?: string;
  /** The template to fill in, offered beside the file field. */
  templateHref?: string;
  /** Where the file can be sent back to get it with 错误说明 beside each wrong row. */
  errorReportUrl?: string;
  /** 《个人信息处理规则》, shown for imports of people's data. */
  privacyNotice?: NoticeSection[];
  /** Show which heading of the file each column was read from, for files exported by other systems. */
  showMapping?: boolean;
  /** Choices made before the file (which source, which year), sent through `fields`. */
  children?: React.ReactNode;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File>();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [error, setError] = useState<string>();
  const [commitError, setCommitError] = useState<string>();
  const [refusedRows, setRefusedRows] = useState<string[]>([]);
  const [reporting, setReporting] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(false);
  // The choices the preview was read with: changed since, it no longer says what a commit would do.
  const [previewedWith, setPreviewedWith] = useState<string>();
  const stale = outcome !== undefined && previewedWith !== JSON.stringify(fields);

  function reset() {
    setFile(undefined);
    setOutcome(undefined);
    setError(undefined);
    setCommitError(undefined);
    setRefusedRows([]);
    if (input.current) input.current.value = "";
  }

  /** The file and, once the preview has read one, the sheet: the server reads the sheet the person saw. */
  function formFor(chosen: File, sheet?: string): FormData {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set("file", chosen);
    if (sheet !== undefined) form.set("sheet", sheet);
    return form;
  }

  function messageOf(result: Refusal): string {
    return result.fieldErrors?.file ?? result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? "导入未完成，请重试";
  }
  function refusedRowsOf(result: Refusal): string[] {
    return Object.entries(result.fieldErrors ?? {}).flatMap(([name, message]) => (name.startsWith("line.") ? [message] : []));
  }
  const previewAction = useAction(preview, undefined, {
    onRefusal: (result) => {
      setError(messageOf(result));
      setRefusedRows(refusedRowsOf(result));
    },
  });
  const commitAction = useAction(commit, undefined, {
    onRefusal: (result) => {
      setCommitError(result.formError === ACTION_FAILED_MESSAGE ? COMMIT_FAILED_MESSAGE : messageOf(result));
      setRefusedRows(refusedRowsOf(result));
    },
  });
  const pending = previewAction.pending ? "preview" : commitAction.pending ? "commit" : reporting ? "report" : undefined;

  /** Reads the chosen file (in `sheet`, once the person picked one) against the table as it is now. */
  async function runPreview(sheet?: string) {
    const chosen = input.current?.files?.[0];
    // Another sheet picked: the preview stays on screen, and the select keeps the focus, until the new one arrives.
    if (sheet === undefined) setOutcome(undefined);
    setCommitError(undefined);
    setRefusedRows([]);
    if (!chosen) return setError("请先选择要导入的文件");
    if (chosen.size > IMPORT_MAX_BYTES) return setError(TOO_LARGE_MESSAGE);
    setError(undefined);
    setFile(chosen);
    setPreviewedWith(JSON.stringify(fields));
    const result = await previewAction.run(formFor(chosen, sheet));
    setOutcome(result.ok ? result.data : undefined);
  }

  async function runCommit() {
    if (!file || !outcome) return;
    const form = formFor(file, outcome.sheetName);
    form.set("fileHash", outcome.fileHash);
    form.set("seen", JSON.stringify(outcome.seen));
    if (outcome.seenHeader !== null) form.set("seenHeader", String(outcome.seenHeader));
    const result = await commitAction.run(form);
    if (!result.ok) {
      // Whatever failed, the preview may be stale now (or the commit went through unheard): it is
      // read again against the table as it is, and only that preview can be committed.
      setOutcome(undefined);
      const again = await previewAction.run(formFor(file, outcome.sheetName));
      if (!again.ok) return;
      setOutcome(again.data);
      if (result.formError === ACTION_FAILED_MESSAGE && writesOf(again.data) === 0) setCommitError(COMMIT_UNHEARD_MESSAGE);
      return;
    }
    const header = result.data.lines.filter((l) => l.status === "changed").map((l) => l.label);
    toast.success(`导入完成：新增 ${result.data.counts.new} 行，修改 ${result.data.counts.changed} 行${header.length > 0 ? `，更新了${header.join("、")}` : ""}`);
    setOpen(false);
    reset();
    router.refresh();
  }

  async function downloadReport() {
    if (!file || !errorReportUrl) return;
    setReporting(true);
    try {
      const response = await fetch(errorReportUrl, { method: "POST", body: formFor(file, outcome?.sheetName) });
      if (!response.ok) return setError((await response.text()) || "错误说明下载失败，请重试");
      await saveResponse(response, `${file.name.replace(/\.[^.]*$/, "")}-错误说明.xlsx`);
    } finally {
      setReporting(false);
    }
  }

  const rowWrites = outcome ? outcome.counts.new + outcome.counts.changed : 0;
  const errors = outcome?.errors ?? [];

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <Dialog.Trigger asChild>
        <Button data-testid="import-open">{label}</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed top-[6vh] left-1/2 z-50 flex max-h-[88vh] w-[64rem] max-w-[96vw] -translate-x-1/2 flex-col gap-4 overflow-auto rounded-md bg-white p-6 shadow-xl" data-testid="import-dialog">
          <Dialog.Title className="text-base font-medium text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="text-sm leading-relaxed text-slate-600">{description}</Dialog.Description>
          {privacyNotice && (
            <details className="rounded border border-slate-200 px-3 py-2 text-sm" data-testid="import-privacy">
              <summary className="cursor-pointer text-slate-700">
                导入的表格包含他人的个人信息，请确认已告知本人，并按《{PRIVACY_NOTICE_TITLE}》（版本 {PRIVACY_NOTICE_VERSION}）处理。只读取本表的列，其他列（如身份证号）不读取、不保存。
              </summary>
              <PrivacyNotice sections={privacyNotice} className="mt-2" />
            </details>
          )}

          {children}
          <div className="flex flex-wrap items-end gap-2">
            <Field id="import-file" label={`选择文件（.xlsx、.xls 或 .csv，不超过 ${IMPORT_MAX_BYTES / 1048576} MB）`} error={error} className="min-w-72 flex-1">
              <FilePicker id="import-file" accept={IMPORT_ACCEPT} testId="import-file" error={error} inputRef={input} onChange={() => setOutcome(undefined)} />
            </Field>
            <Button onClick={() => runPreview()} disabled={pending !== undefined} data-testid="import-preview">
              {pending === "preview" ? "正在读取…" : "预览"}
            </Button>
            {templateHref && (
              <a href={templateHref} download className="self-center text-sm text-brand-600 hover:underline" data-testid="import-template">
                下载模板
              </a>
            )}
          </div>

          {refusedRows.length > 0 && (
            <Notice tone="error" testId="import-refused">
              <ul className="max-h-48 list-disc overflow-auto pl-5">
                {refusedRows.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </Notice>
          )}

          {outcome && (
            <>
              {outcome.sheetsWithHeader.length > 1 && <SheetChoice outcome={outcome} busy={pending !== undefined} onPick={runPreview} />}
              <p className="text-sm text-slate-700" data-testid="import-summary">
                已读取工作表「{outcome.sheetName}」：新增 {outcome.counts.new} 行，修改 {outcome.counts.changed} 行，不变 {outcome.counts.unchanged} 行
                {outcome.counts.blank > 0 && `，未填写 ${outcome.counts.blank} 行`}
                {errors.length > 0 && <span className="text-red-600">，错误 {errors.length} 处</span>}。
              </p>
              {outcome.lines.length > 0 && <HeaderLines lines={outcome.lines} />}
              {outcome.notices.map((n) => (
                <Notice key={n} tone="warning" testId="import-notice">
                  {n}
                </Notice>
              ))}
              {showMapping && <ColumnMapping headings={outcome.headings} />}
              {outcome.droppedColumns.length > 0 && (
                <Notice tone="warning" testId="import-dropped-columns">
                  以下列不属于本表，已忽略，不会读取或保存：{outcome.droppedColumns.join("、")}。
                </Notice>
              )}
              {errors.length > 0 && (
                <Notice tone="error" testId="import-errors">
                  <p className="mb-1">
                    {outcome.counts.error} 行有错误，修正前不能导入（没有写入任何内容）。请按下面的说明修改表格后，重新选择文件预览：
                  </p>
                  <ul className="max-h-48 list-disc overflow-auto pl-5">
                    {errors.slice(0, SHOWN).map((e, i) => (
                      <li key={i}>{e}</li>
                    ))}
                  </ul>
                  {errors.length > SHOWN && <p className="mt-1">另有 {errors.length - SHOWN} 处错误{errorReportUrl ? "，请下载错误说明查看" : "，修正以上错误后重新预览即可看到"}。</p>}
                </Notice>
              )}
              <label className="inline-flex items-center gap-2 self-start text-sm text-slate-700">
                <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} data-testid="import-only-errors" />
                只看有错误的行
              </label>
              <PreviewTable outcome={outcome} onlyErrors={onlyErrors} />
            </>
          )}

          {stale && (
            <Notice tone="warning" testId="import-stale">
              上面的选择已更改，预览不再适用，请重新「预览」后再导入。
            </Notice>
          )}
          {commitError && (
            <Notice tone="error" testId="import-commit-error">
              {commitError}
              {!outcome ? "请重新预览后再导入。" : writesOf(outcome) > 0 && "已按本表当前的内容重新预览，请核对下面的预览后再导入。"}
            </Notice>
          )}

          <div className="flex flex-wrap justify-end gap-2">
            {errorReportUrl && errors.length > 0 && (
              <Button onClick={downloadReport} disabled={pending !== undefined} data-testid="import-error-report">
                {pending === "report" ? "正在生成…" : "下载错误说明"}
              </Button>
            )}
            <Dialog.Close asChild>
              <Button>取消</Button>
            </Dialog.Close>
            <Button variant="primary" onClick={runCommit} disabled={!outcome || stale || errors.length > 0 || writesOf(outcome) === 0 || pending !== undefined} data-testid="import-commit">
              {pending === "commit" ? "正在导入…" : rowWrites > 0 ? `确认导入 ${rowWrites} 行` : "确认导入"}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Rows and header fields a commit of this preview would write. */
function writesOf(outcome: ImportOutcome): number {
  return outcome.counts.new + outcome.counts.changed + outcome.lines.filter((l) => l.status === "changed").length;
}

/** More than one sheet has the table's header: say which was read, and let the person read another. */
function SheetChoice({ outcome, busy, onPick }: { outcome: ImportOutcome; busy: boolean; onPick: (sheet: string) => void }) {
  return (
    <Notice tone="warning" testId="import-sheets">
      <p>
        文件中有 {outcome.sheetsWithHeader.length} 个工作表有本表的表头（{outcome.sheetsWithHeader.map((name) => `「${name}」`).join("")}），已读取工作表「{outcome.sheetName}」。
        如要导入其他工作表，请在下面选择。
      </p>
      <div className="mt-2 flex items-center gap-2">
        <label htmlFor="import-sheet" className="shrink-0">
          要导入的工作表
        </label>
        <select id="import-sheet" className={`${inputClass} w-auto`} value={outcome.sheetName} aria-busy={busy} onChange={(e) => busy || onPick(e.target.value)} data-testid="import-sheet">
          {outcome.sheetsWithHeader.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </Notice>
  );
}

/** Which heading of the file each column was read from; a column the file lacks is optional (a missing required one refuses the file). */
function ColumnMapping({ headings }: { headings: ImportOutcome["headings"] }) {
  return (
    <details className="rounded border border-slate-200 px-3 py-2 text-sm" data-testid="import-mapping" open>
      <summary className="cursor-pointer text-slate-700">列对应</summary>
      <ul className="mt-1 grid grid-cols-2 gap-x-6 gap-y-0.5 md:grid-cols-3">
        {headings.map((h) => (
          <li key={h.key} data-testid="import-mapping-column">
            <span className="text-slate-600">{h.label}</span> ← {h.readFrom === null ? <span className="text-slate-400">文件中没有此列</span> : `「${h.readFrom}」`}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The table's own lines of the file (填报人, 联系电话): what the import does with each. */
function HeaderLines({ lines }: { lines: ImportOutcome["lines"] }) {
  return (
    <ul className="rounded border border-slate-200 px-3 py-2 text-sm" data-testid="import-lines">
      {lines.map((l) => (
        <li key={l.key} data-testid="import-line" data-status={l.status}>
          <span className="text-slate-600">{l.label}：</span>
          {l.value ?? (l.line === null ? "" : l.text || "（空）")}
          <span className={l.status === "ignored" ? "ml-2 text-amber-700" : "ml-2 text-slate-500"}>{l.note}</span>
        </li>
      ))}
    </ul>
  );
}

function PreviewTable({ outcome, onlyErrors }: { outcome: ImportOutcome; onlyErrors: boolean }) {
  const listed = outcome.rows.filter((r) => !onlyErrors || r.status === "error");
  const rows = listed.sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.line - b.line).slice(0, SHOWN);
  return (
    <div className="max-h-[40vh] overflow-auto rounded border border-slate-200">
      <table className="w-full min-w-[900px] border-collapse text-sm" data-testid="import-table">
        <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="w-14 px-3 py-2 font-medium">行号</th>
            {outcome.headings.map((h) => (
              <th key={h.key} scope="col" className="px-3 py-2 font-medium">
                {h.label}
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
              {outcome.headings.map((h) => (
                <td key={h.key} className="px-3 py-1.5 break-all">
                  {row.values[h.key]}
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
      {listed.length > SHOWN && <p className="px-3 py-2 text-xs text-slate-500">仅显示前 {SHOWN} 行。</p>}
    </div>
  );
}
