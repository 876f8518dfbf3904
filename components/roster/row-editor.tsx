"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { saveRow } from "@/lib/roster/actions";
import { schoolCodeWarnings } from "@/lib/roster/rules";
import { FIELD_LABELS, type RosterRowInput, type RosterRowOutput, rosterRowSchema } from "@/lib/roster/schemas";
import type { RosterRowView, RowSaved } from "./types";

/** Edits one unit's administrator in place; Enter saves, Escape cancels. */
export function RowEditor({
  submissionId,
  row,
  onSaved,
  onCancel,
}: {
  submissionId: number;
  row: RosterRowView;
  onSaved: (saved: RowSaved) => void;
  onCancel: () => void;
}) {
  const isSchool = row.unitKind === "school" || row.unitKind === "college";
  const form = useForm<RosterRowInput, unknown, RosterRowOutput>({
    resolver: zodResolver(rosterRowSchema),
    defaultValues: {
      name: row.entry?.name ?? "",
      position: row.entry?.position ?? "",
      phone: row.entry?.phone ?? "",
      email: row.entry?.email ?? "",
      schoolCode: row.entry?.schoolCode ?? row.registrySchoolCode ?? "",
    },
  });
  const { register, handleSubmit, formState, setError, setFocus, control } = form;
  const { run: save } = useAction(saveRow, setError);
  const errors = formState.errors;
  useEffect(() => setFocus(isSchool && !row.registrySchoolCode ? "schoolCode" : "name"), [setFocus, isSchool, row.registrySchoolCode]);

  const schoolCode = useWatch({ control, name: "schoolCode" }) ?? "";
  const codeWarning = isSchool
    ? [...schoolCodeWarnings(schoolCode), ...(row.registrySchoolCode && schoolCode.trim() && schoolCode.trim() !== row.registrySchoolCode ? [`与单位库登记的 ${row.registrySchoolCode} 不一致，请核对`] : [])].join("；")
    : undefined;

  const onSubmit = handleSubmit(async (values) => {
    const result = await save({ ...values, schoolCode: isSchool ? (values.schoolCode ?? "") : "", submissionId, unitId: row.unitId, expectedVersion: row.entry?.version ?? null });
    if (result.ok) onSaved(result.data);
  });

  const id = (field: string) => `row-${row.unitId}-${field}`;
  const text = (field: keyof RosterRowInput, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field id={id(field)} label={label} error={errors[field]?.message} warning={field === "schoolCode" ? codeWarning : undefined} required>
      <input id={id(field)} className={inputClass} data-testid={`row-${field}`} {...props} {...register(field)} {...describedBy(id(field), errors[field]?.message)} />
    </Field>
  );

  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
      className="flex flex-col gap-3 rounded border border-brand-100 bg-brand-50/40 p-4"
      aria-label={`填写${row.unitName}的系统管理员`}
      data-testid="row-editor"
      noValidate
    >
      <p className="text-sm font-medium text-slate-800">{row.unitName}</p>
      {errors.root?.server && (
        <Notice tone="error" testId="row-form-error">
          {errors.root.server.message}
        </Notice>
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-5">
        {isSchool && text("schoolCode", "学校标识码", { inputMode: "numeric", maxLength: 20, placeholder: "10 位数字" })}
        {text("name", FIELD_LABELS.name, { autoComplete: "off", maxLength: 40 })}
        {text("position", FIELD_LABELS.position, { maxLength: 40, placeholder: "如：科长、教务处主任" })}
        {text("phone", FIELD_LABELS.phone, { inputMode: "tel", maxLength: 30, placeholder: "手机号或 0311-66005705" })}
        {text("email", FIELD_LABELS.email, { type: "email", maxLength: 100, placeholder: "账号和密码将发送至此邮箱" })}
      </div>
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={formState.isSubmitting} data-testid="row-save">
          {formState.isSubmitting ? "正在保存…" : "保存"}
        </Button>
        <Button onClick={onCancel}>取消</Button>
        <span className="text-xs text-slate-500">按 Enter 保存，Esc 取消。保存后自动转到下一个未填写的单位。</span>
      </div>
    </form>
  );
}
