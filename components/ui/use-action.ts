import { unstable_rethrow } from "next/navigation";
import { useRef, useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { ACTION_FAILED_MESSAGE, type ActionResult } from "@/lib/core/errors";

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

/**
 * The one way a component runs a server action. `run` always settles with a result: an action that
 * throws or never arrives becomes a refusal. Every refusal is shown (see applyResult), and a second
 * call while one is in flight is ignored (a double click), so the caller only acts on `result.ok`.
 */
export function useAction<A extends unknown[], T, F extends FieldValues = FieldValues>(
  action: (...args: A) => Promise<ActionResult<T>>,
  setError?: UseFormSetError<F>,
  /** For a component that shows refusals its own way (the import dialog): called instead of applyResult. */
  { onRefusal }: { onRefusal?: (refusal: Extract<ActionResult<T>, { ok: false }>) => void } = {},
): { run: (...args: A) => Promise<ActionResult<T>>; pending: boolean } {
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);

  async function run(...args: A): Promise<ActionResult<T>> {
    if (inFlight.current) return { ok: false };
    inFlight.current = true;
    setPending(true);
    let result: ActionResult<T>;
    try {
      result = await action(...args);
    } catch (error) {
      // A redirect the action asked for (e.g. after signing in) is Next's to follow, not a failure.
      unstable_rethrow(error);
      console.error(error);
      result = { ok: false, formError: ACTION_FAILED_MESSAGE };
    } finally {
      inFlight.current = false;
      setPending(false);
    }
    if (!result.ok && onRefusal) onRefusal(result);
    else applyResult(result, setError);
    return result;
  }

  return { run, pending };
}
