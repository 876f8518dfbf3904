import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/core/errors";

/**
 * Shows a server action's refusal where the person is looking: with a form, next to its fields
 * (and form-level text as the form's root error); without one, as a toast. The input is never cleared.
 */
export function applyResult<T extends FieldValues>(result: ActionResult<unknown>, setError?: UseFormSetError<T>): boolean {
  if (result.ok) return true;
  const fieldErrors = Object.entries(result.fieldErrors ?? {});
  if (!setError) {
    toast.error(result.formError ?? fieldErrors[0]?.[1] ?? "操作未完成，请稍后再试。", { duration: 10_000 });
    return false;
  }
  for (const [field, message] of fieldErrors) setError(field as Path<T>, { type: "server", message });
  if (result.formError) setError("root.server" as Path<T>, { type: "server", message: result.formError });
  return false;
}
