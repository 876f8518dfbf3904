"use client";

import { Button, buttonClass, type ButtonVariant } from "@/components/ui/button";
import { saveResponse } from "@/components/ui/save-file";
import { EXPORT_REASON_ROWS } from "@/lib/privacy/schemas";
import { ReasonDialog } from "./reason-dialog";

/**
 * A download of people's data: a plain link up to EXPORT_REASON_ROWS rows, else 「导出原因」 first, posted
 * with the request (the server refuses a large export without one). `rows` null: not known before.
 */
export function ExportButton({
  href,
  rows,
  label,
  fileName,
  testId,
  variant = "default",
}: {
  href: string;
  rows: number | null;
  label: string;
  /** Used only when the response names no file. */
  fileName: string;
  testId: string;
  variant?: ButtonVariant;
}) {
  if (rows !== null && rows <= EXPORT_REASON_ROWS) {
    return (
      <a href={href} download className={buttonClass(variant)} data-testid={testId}>
        {label}
      </a>
    );
  }
  return (
    <ReasonDialog
      what="导出"
      testId="export-reason"
      title={label}
      description={`导出文件${rows === null ? "" : `有 ${rows} 行，`}包含个人信息。超过 ${EXPORT_REASON_ROWS} 行的导出须说明原因，文件中将标注导出人和导出时间。`}
      trigger={
        <Button variant={variant} data-testid={testId}>
          {label}
        </Button>
      }
      onReason={async (reason) => {
        const body = new FormData();
        body.set("reason", reason);
        const response = await fetch(href, { method: "POST", body });
        if (!response.ok) return (await response.text()) || "导出未完成，请稍后再试。";
        await saveResponse(response, fileName);
        return null;
      }}
    />
  );
}
