"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { scheduleRemedial } from "@/lib/training/attendance/actions";
import { formatDateTime } from "@/lib/time";
import type { AbsentView, RemedialSessionView } from "./types";

type Values = { sessionId: string; registrationIds: string };

/**
 * The absent of the phase's closed sessions; 「安排补训」 puts the chosen on one of the phase's open 补训 sessions
 * (defaulting to this page's, when it is one).
 */
export function RemedialForm({ absent, sessions, defaultSessionId }: { absent: AbsentView[]; sessions: RemedialSessionView[]; defaultSessionId: number | null }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const form = useForm<Values>({ defaultValues: { sessionId: String(defaultSessionId ?? sessions[0]?.id ?? ""), registrationIds: "" } });
  const { run, pending } = useAction(scheduleRemedial, form.setError);
  const open = absent.filter((a) => a.remedialSession === null);
  const toggle = (id: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = form.handleSubmit(async (values) => {
    const result = await run({ sessionId: Number(values.sessionId), registrationIds: [...selected] });
    if (!result.ok) return;
    toast.success(`已安排 ${result.data.scheduled} 人补训`);
    setSelected(new Set());
    router.refresh();
  });
  const errors = form.formState.errors;

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="remedial-form" noValidate>
      <DataTable
        testId="absent-list"
        rows={absent}
        rowKey={(a) => a.id}
        empty={{ title: "本阶段已关闭的场次没有缺席人员" }}
        columns={[
          {
            header: "选择",
            className: "w-14",
            cell: (a) =>
              a.remedialSession === null ? (
                <input type="checkbox" aria-label={`选择${a.name}（${a.unitName}）`} checked={selected.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />
              ) : null,
          },
          { header: "缺席场次", cell: (a) => a.sessionTitle },
          { header: "单位", cell: (a) => a.unitName },
          { header: "姓名", cell: (a) => a.name },
          { header: "联系电话", cell: (a) => a.phone },
          { header: "补训", cell: (a) => a.remedialSession ?? "未安排" },
        ]}
      />
      {open.length > 0 &&
        (sessions.length === 0 ? (
          <Notice tone="info">本阶段还没有未关闭的补训场次。请先新增一个补训场次，再安排补训。</Notice>
        ) : (
          <div className="flex flex-wrap items-end gap-3">
            <Field id="remedial-session" label="补训场次" error={errors.sessionId?.message} className="w-80">
              <select id="remedial-session" className={inputClass} {...form.register("sessionId")}>
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>{`${s.title}（${formatDateTime(s.startsAt)}，剩余 ${Math.max(s.free, 0)} 个名额）`}</option>
                ))}
              </select>
            </Field>
            <Button type="submit" variant="primary" disabled={pending || selected.size === 0} data-testid="schedule-remedial">
              {`安排补训${selected.size > 0 ? `（${selected.size} 人）` : ""}`}
            </Button>
          </div>
        ))}
      {errors.registrationIds?.message && <Notice tone="error">{errors.registrationIds.message}</Notice>}
      {errors.root?.server && <Notice tone="error">{errors.root.server.message}</Notice>}
    </form>
  );
}
