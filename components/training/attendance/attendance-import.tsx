"use client";

import { ImportDialog } from "@/components/xlsx/import-dialog";
import { commitAttendanceImport, previewAttendanceImport } from "@/lib/training/attendance/actions";

/** 导入签到表: a 签到表 or the meeting's export, previewed with each line's match, then imported whole or not at all. */
export function AttendanceImport({ sessionId, replaces }: { sessionId: number; replaces: number }) {
  return (
    <ImportDialog
      preview={previewAttendanceImport}
      commit={commitAttendanceImport}
      fields={{ sessionId: String(sessionId) }}
      label="导入签到表"
      title="导入签到表或会议导出记录"
      description={`可导入现场签到表（表头：姓名、单位、联系电话，可有序号、签到时间）或视频会议导出的参会记录（表头：姓名或用户名、手机号、入会时间、离会时间、参会时长（分钟）），列的顺序不限。每一行先按手机号、再按姓名和单位对应到本场次的报名人员；对应不上或无法确定的行导入后逐行处理。先「预览」核对，只要有一行有错误，就不会导入任何一行。${replaces > 0 ? `重新导入将替换本场次此前导入的 ${replaces} 行记录（包括已手工处理的）。` : ""}`}
    />
  );
}
