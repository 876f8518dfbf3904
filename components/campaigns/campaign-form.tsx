"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type DefaultValues, type FieldValues, FormProvider, type Resolver, useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/core/errors";

/**
 * A campaign form: checked in the browser with the command's own schema, then sent as typed (the
 * server parses it again; parsed values such as a Date are not its input). Refusals land next to the fields.
 */
export function CampaignForm<I extends FieldValues, O, R>({
  schema,
  defaultValues,
  save,
  onSaved,
  saved,
  submitLabel,
  label,
  disabled,
  testId,
  children,
}: {
  schema: z.ZodType<O, I>;
  defaultValues: DefaultValues<I>;
  save: (values: I) => Promise<ActionResult<R>>;
  onSaved?: (data: R) => void;
  /** The toast after a save. */
  saved: string;
  submitLabel: string;
  label: string;
  disabled?: boolean;
  testId: string;
  children: React.ReactNode;
}) {
  const form = useForm<I, unknown, O>({ resolver: zodResolver(schema as never) as Resolver<I, unknown, O>, defaultValues });
  const { run } = useAction(save, form.setError);
  const onSubmit = form.handleSubmit(async () => {
    const result = await run(form.getValues());
    if (result.ok) {
      toast.success(saved);
      onSaved?.(result.data);
    }
  });
  const rootError = form.formState.errors.root?.server?.message;
  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={label}>
        {rootError && (
          <Notice tone="error" testId={`${testId}-error`}>
            {rootError}
          </Notice>
        )}
        <fieldset disabled={disabled} className="flex min-w-0 flex-col gap-4">
          {children}
        </fieldset>
        {!disabled && (
          <div className="flex justify-end">
            <Button type="submit" variant="primary" disabled={form.formState.isSubmitting} data-testid={`${testId}-save`}>
              {form.formState.isSubmitting ? "正在保存…" : submitLabel}
            </Button>
          </div>
        )}
      </form>
    </FormProvider>
  );
}
