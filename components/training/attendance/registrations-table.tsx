import { DataTable } from "@/components/ui/data-table";
import { Tag, type TagTone } from "@/components/ui/tag";
import type { RegistrationView } from "./types";

const ATTENDANCE: Record<RegistrationView["attendance"], { label: string; tone: TagTone }> = {
  unknown: { label: "待确定", tone: "grey" },
  present: { label: "已参训", tone: "green" },
  absent: { label: "缺席", tone: "red" },
};

const STATE: Record<RegistrationView["state"], string> = { draft: "草稿", confirmed: "已确认", approved: "已审核" };

/** The session's registrations, with their attendance (final once the session is closed). */
export function RegistrationsTable({ registrations, closed }: { registrations: RegistrationView[]; closed: boolean }) {
  return (
    <DataTable
      testId="session-registrations"
      rows={registrations}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ "data-attendance": r.attendance })}
      empty={{ title: "本场次还没有报名人员" }}
      columns={[
        { header: "单位", cell: (r) => r.unitName },
        { header: "姓名", cell: (r) => r.name },
        { header: "职务", cell: (r) => r.position },
        { header: "联系电话", cell: (r) => r.phone },
        { header: "回执", cell: (r) => STATE[r.state] + (r.remedialOfSession ? `（补「${r.remedialOfSession}」）` : "") },
        { header: "签到记录", cell: (r) => (r.matchedLines > 0 ? `${r.matchedLines} 条` : "—") },
        {
          header: "参训情况",
          cell: (r) => (closed || r.attendance !== "unknown" ? <Tag tone={ATTENDANCE[r.attendance].tone}>{ATTENDANCE[r.attendance].label}</Tag> : r.matchedLines > 0 ? "已签到" : "未签到"),
        },
      ]}
    />
  );
}
