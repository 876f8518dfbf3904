"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { moveUnit } from "@/lib/registry/actions";
import { moveUnitSchema } from "@/lib/registry/schemas";
import { type UnitChoice, UnitSelect } from "./unit-select";

type MoveInput = z.input<typeof moveUnitSchema>;
type MoveOutput = z.output<typeof moveUnitSchema>;

/** 调整上报单位: whom the unit reports to. A loop in the tree is refused by the server. */
export function UnitMoveForm({ unitId, parentId, parents }: { unitId: number; parentId: number; parents: UnitChoice[] }) {
  const router = useRouter();
  const { register, handleSubmit, formState, setError } = useForm<MoveInput, unknown, MoveOutput>({
    resolver: zodResolver(moveUnitSchema),
    defaultValues: { unitId, parentId },
  });
  const { run: save } = useAction(moveUnit, setError);
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const result = await save(values);
    if (result.ok) {
      toast.success("上报单位已调整");
      router.refresh();
    }
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate aria-label="调整上报单位">
      {errors.root?.server && <Notice tone="error" className="w-full">{errors.root.server.message}</Notice>}
      <Field id="move-parent" label="新的上报单位" error={errors.parentId?.message} className="min-w-80 flex-1">
        <UnitSelect id="move-parent" choices={parents} placeholder="请选择" data-testid="move-parent" {...register("parentId")} {...describedBy("move-parent", errors.parentId?.message)} />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting} data-testid="move-save">
        {formState.isSubmitting ? "正在调整…" : "调整"}
      </Button>
    </form>
  );
}
