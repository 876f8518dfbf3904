"use client";

import { ImportDialog } from "@/components/xlsx/import-dialog";
import { importContacts, previewContactsImport } from "@/lib/delegation/actions";
import type { NoticeSection } from "@/lib/privacy/notice";

/** 导入联系人: an .xlsx of 单位名称, 姓名, 联系电话, 邮箱 opens the accounts of delegates without one, all rows or none. */
export function ContactsImport({ submissionId, headings, privacyNotice }: { submissionId: number; headings: readonly string[]; privacyNotice: NoticeSection[] }) {
  return (
    <ImportDialog
      preview={previewContactsImport}
      commit={importContacts}
      fields={{ submissionId: String(submissionId) }}
      label="导入联系人"
      title="导入下级联系人并开通账号"
      description={`表格的表头须有：${headings.map((h) => `「${h}」`).join("")}，每个单位一行，单位须是已分派、尚未开通账号的县（区）或学校。先「预览」核对每一行；确认导入后，各单位的填报账号一次开通并各自收到激活邮件。只要有一行有错误，就不会开通任何账号。`}
      privacyNotice={privacyNotice}
    />
  );
}
