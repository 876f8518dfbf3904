"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import type { Role } from "@/db/schema";
import { ROLE_LABELS, ROLES } from "@/lib/core/roles";
import { USER_FIELD_LABELS } from "@/lib/users/schemas";
import { type UnitChoice, UnitSelect } from "./unit-select";

/** A unit an account may belong to, with the roles an account there may have. */
export type AccountUnitChoice = UnitChoice & { roles: Role[] };

type Fields = { name: string; unitId: unknown; role: Role };

/** The roles the form lists: those the actor may give at some unit (三员分立), and an account's locked role. */
export function offeredRoles(units: AccountUnitChoice[], roleLock?: { role: Role }): Role[] {
  return ROLES.filter((r) => r === roleLock?.role || units.some((u) => u.roles.includes(r)));
}

/** 姓名, 所在单位 and 角色 — the roles offered are the ones the chosen unit allows. */
/** With `roleLock`, only the current role can be chosen, and the reason shows under the field. */
export function UserFields({ units, roleLock }: { units: AccountUnitChoice[]; roleLock?: { role: Role; reason: string } }) {
  const { register, formState, control } = useFormContext<Fields>();
  const errors = formState.errors;
  const unitId = Number(useWatch({ control, name: "unitId" }));
  const offered = offeredRoles(units, roleLock);
  const allowed = roleLock ? [roleLock.role] : (units.find((u) => u.id === unitId)?.roles ?? offered);
  return (
    <>
      <Field id="name" label={USER_FIELD_LABELS.name} error={errors.name?.message} required>
        <input id="name" className={inputClass} maxLength={40} autoComplete="off" data-testid="user-name" {...register("name")} {...describedBy("name", errors.name?.message)} />
      </Field>
      <Field id="unitId" label={USER_FIELD_LABELS.unitId} error={errors.unitId?.message} required>
        <UnitSelect id="unitId" choices={units} placeholder="请选择单位" data-testid="user-unit" {...register("unitId")} {...describedBy("unitId", errors.unitId?.message)} />
      </Field>
      <Field id="role" label={USER_FIELD_LABELS.role} error={errors.role?.message} hint={roleLock?.reason ?? "可选的角色随所在单位的类型而定"} required>
        <select id="role" className={inputClass} data-testid="user-role" {...register("role")} {...describedBy("role", errors.role?.message)}>
          {offered.map((r) => (
            <option key={r} value={r} disabled={!allowed.includes(r)}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
