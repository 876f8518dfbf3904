"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { CAMPAIGN_LABELS, CONTACT_ROLES, MAX_CONTACTS, type NoticeInput } from "@/lib/campaigns/schemas";

const EMPTY_CONTACT = { name: "", phone: "", email: "", role: "" };

/**
 * 任务标题, 文号, 发文单位, 通知正文, 填表说明 and the contacts: inside any form whose values include NoticeInput.
 * A task without a table (系统应用培训) leaves out 填表说明.
 */
export function NoticeFields({ tableNotes = true }: { tableNotes?: boolean }) {
  const { register, control, formState } = useFormContext<NoticeInput>();
  const { fields, append, remove } = useFieldArray({ control, name: "contacts" });
  const errors = formState.errors;
  return (
    <div className="flex flex-col gap-4">
      <Field id="title" label={CAMPAIGN_LABELS.title} error={errors.title?.message} required>
        <input id="title" className={inputClass} data-testid="campaign-title" {...register("title")} {...describedBy("title", errors.title?.message)} />
      </Field>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Field id="docNumber" label={CAMPAIGN_LABELS.docNumber} error={errors.docNumber?.message} hint="如 冀教办函〔2021〕26号" required>
          <input id="docNumber" className={inputClass} data-testid="campaign-doc-number" {...register("docNumber")} {...describedBy("docNumber", errors.docNumber?.message)} />
        </Field>
        <Field id="issuer" label={CAMPAIGN_LABELS.issuer} error={errors.issuer?.message} hint="如 河北省教育厅办公室" required>
          <input id="issuer" className={inputClass} data-testid="campaign-issuer" {...register("issuer")} {...describedBy("issuer", errors.issuer?.message)} />
        </Field>
      </div>
      <Field id="body" label={CAMPAIGN_LABELS.body} error={errors.body?.message} hint="从主送单位写起；段落之间空一行。" required>
        <textarea
          id="body"
          rows={14}
          className={`${inputClass} h-auto py-1.5 leading-7`}
          data-testid="campaign-body-input"
          {...register("body")}
          {...describedBy("body", errors.body?.message)}
        />
      </Field>
      {tableNotes && (
        <Field id="tableNotes" label={CAMPAIGN_LABELS.tableNotes} error={errors.tableNotes?.message} hint="附件表格下方的填表说明，每行一条；打印和导出 Excel 时自动编号。">
          <textarea
            id="tableNotes"
            rows={4}
            className={`${inputClass} h-auto py-1.5 leading-7`}
            data-testid="campaign-table-notes"
            {...register("tableNotes")}
            {...describedBy("tableNotes", errors.tableNotes?.message)}
          />
        </Field>
      )}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm text-slate-700">{CAMPAIGN_LABELS.contacts}</legend>
        <datalist id="contact-roles">
          {CONTACT_ROLES.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {fields.map((field, i) => {
          const e = errors.contacts?.[i];
          const id = (name: string) => `contacts.${i}.${name}`;
          return (
            <div key={field.id} className="grid grid-cols-1 items-start gap-2 rounded border border-slate-200 p-3 md:grid-cols-[8rem_1fr_1fr_1fr_auto]" data-testid="contact-row">
              <Field id={id("role")} label="职责" error={e?.role?.message}>
                <input id={id("role")} list="contact-roles" className={inputClass} {...register(`contacts.${i}.role`)} {...describedBy(id("role"), e?.role?.message)} />
              </Field>
              <Field id={id("name")} label="姓名" error={e?.name?.message}>
                <input id={id("name")} className={inputClass} {...register(`contacts.${i}.name`)} {...describedBy(id("name"), e?.name?.message)} />
              </Field>
              <Field id={id("phone")} label="电话" error={e?.phone?.message}>
                <input id={id("phone")} inputMode="tel" className={inputClass} {...register(`contacts.${i}.phone`)} {...describedBy(id("phone"), e?.phone?.message)} />
              </Field>
              <Field id={id("email")} label="邮箱" error={e?.email?.message}>
                <input id={id("email")} type="email" className={inputClass} {...register(`contacts.${i}.email`)} {...describedBy(id("email"), e?.email?.message)} />
              </Field>
              <Button variant="link" className="md:mt-7" onClick={() => remove(i)} aria-label={`删除第 ${i + 1} 位联系人`}>
                删除
              </Button>
            </div>
          );
        })}
        {errors.contacts?.message && <p className="text-xs text-red-600">{errors.contacts.message}</p>}
        {fields.length < MAX_CONTACTS && (
          <div>
            <Button onClick={() => append(EMPTY_CONTACT)} data-testid="add-contact">
              添加联系人
            </Button>
          </div>
        )}
      </fieldset>
    </div>
  );
}
