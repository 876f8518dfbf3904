"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { Tag, type TagTone } from "@/components/ui/tag";
import { useAction } from "@/components/ui/use-action";
import { resolveAttendanceLine } from "@/lib/training/attendance/actions";
import { formatDateTime } from "@/lib/time";
import type { AttendanceLineView, RegistrationView } from "./types";

const MATCH: Record<AttendanceLineView["match"], { label: string; tone: TagTone }> = {
  matched: { label: "已对应", tone: "green" },
  unmatched: { label: "未对应", tone: "red" },
  ambiguous: { label: "无法确定", tone: "orange" },
  ignored: { label: "已忽略", tone: "grey" },
};

/** The imported lines, those waiting for a person first: each can be given its registration by hand, or ignored. */
export function AttendanceLines({ lines, registrations, editable }: { lines: AttendanceLineView[]; registrations: RegistrationView[]; editable: boolean }) {
  const byId = new Map(registrations.map((r) => [r.id, r]));
  return (
    <DataTable
      testId="attendance-lines"
      rows={lines}
      rowKey={(l) => l.id}
      rowProps={(l) => ({ "data-line": l.line, "data-match": l.match })}
      empty={{ title: "尚未导入签到记录", description: "请用「导入签到表」导入现场签到表或视频会议的参会记录。" }}
      columns={[
        { header: "行号", cell: (l) => l.line, className: "w-14" },
        { header: "姓名", cell: (l) => l.name },
        { header: "单位", cell: (l) => l.unitName ?? "—" },
        { header: "联系电话", cell: (l) => l.phone ?? "—" },
        { header: "签到／入会时间", cell: (l) => (l.joinedAt ? formatDateTime(l.joinedAt) : "—") },
        { header: "参会时长", cell: (l) => (l.durationMinutes !== null ? `${l.durationMinutes} 分钟` : "—") },
        {
          header: "对应报名人员",
          cell: (l) => {
            const registration = l.registrationId ? byId.get(l.registrationId) : undefined;
            return (
              <div className="flex flex-col gap-1">
                <span>
                  <Tag tone={MATCH[l.match].tone}>{MATCH[l.match].label}</Tag>
                  {registration && <span className="ml-2">{`${registration.name}（${registration.unitName}）`}</span>}
                </span>
                {editable && <ResolveLine line={l} registrations={registrations} />}
              </div>
            );
          },
        },
      ]}
    />
  );
}

function ResolveLine({ line, registrations }: { line: AttendanceLineView; registrations: RegistrationView[] }) {
  const router = useRouter();
  const [choice, setChoice] = useState(line.registrationId ? String(line.registrationId) : "");
  const { run, pending } = useAction(resolveAttendanceLine);
  const id = `resolve-${line.id}`;
  async function resolve(registrationId: number | null) {
    const result = await run({ lineId: line.id, registrationId });
    if (result.ok) {
      toast.success(registrationId === null ? `第 ${line.line} 行已忽略` : `第 ${line.line} 行已对应到报名人员`);
      router.refresh();
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">{`第 ${line.line} 行对应的报名人员`}</label>
      <select id={id} className={`${inputClass} w-56`} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">请选择报名人员</option>
        {registrations.map((r) => (
          <option key={r.id} value={r.id}>{`${r.name}（${r.unitName}）`}</option>
        ))}
      </select>
      <Button disabled={pending || choice === ""} onClick={() => resolve(Number(choice))}>
        确定
      </Button>
      {line.match !== "ignored" && (
        <Button disabled={pending} onClick={() => resolve(null)}>
          忽略
        </Button>
      )}
    </div>
  );
}
