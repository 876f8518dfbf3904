"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { FormProvider, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import type { Role } from "@/db/schema";
import { updateUser } from "@/lib/users/actions";
import { type UpdateUserInput, type UpdateUserOutput, updateUserSchema } from "@/lib/users/schemas";
import { type AccountUnitChoice, UserFields } from "./user-fields";

export function UserEditForm({ user, units, roleLock }: { user: { id: number; name: string; unitId: number; role: Role }; units: AccountUnitChoice[]; roleLock?: { role: Role; reason: string } }) {
  const router = useRouter();
  const form = useForm<UpdateUserInput, unknown, UpdateUserOutput>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { userId: user.id, name: user.name, unitId: user.unitId, role: user.role },
  });
  const { handleSubmit, formState, setError } = form;
  const { run: save } = useAction(updateUser, setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await save(values);
    if (result.ok) {
      toast.success("用户信息已保存");
      router.refresh();
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} className="grid max-w-4xl grid-cols-1 items-start gap-3 md:grid-cols-3" noValidate aria-label="修改用户">
        {formState.errors.root?.server && (
          <Notice tone="error" className="md:col-span-3">
            {formState.errors.root.server.message}
          </Notice>
        )}
        <UserFields units={units} roleLock={roleLock} />
        <div className="md:col-span-3">
          <Button type="submit" disabled={formState.isSubmitting} data-testid="user-save">
            {formState.isSubmitting ? "正在保存…" : "保存修改"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
