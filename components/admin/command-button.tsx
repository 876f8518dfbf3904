"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/core/errors";

/**
 * One button that runs one server action, after a confirmation when `confirm` is given; the
 * outcome is a toast, then the page refreshes (or moves to `redirectTo`).
 */
export function CommandButton<T>({
  action,
  input,
  label,
  success,
  confirm,
  variant = "default",
  redirectTo,
  testId,
}: {
  action: (input: unknown) => Promise<ActionResult<T>>;
  input: Record<string, unknown>;
  label: string;
  success: string | ((data: T) => string);
  confirm?: { title: string; description: React.ReactNode; confirmLabel: string; danger?: boolean };
  variant?: ButtonVariant;
  redirectTo?: string;
  testId?: string;
}) {
  const router = useRouter();
  const { run: runAction, pending } = useAction(action);
  const run = async () => {
    const result = await runAction(input);
    if (!result.ok) return;
    toast.success(typeof success === "function" ? success(result.data) : success);
    if (redirectTo) router.push(redirectTo);
    else router.refresh();
  };
  const button = (
    <Button variant={variant} disabled={pending} onClick={confirm ? undefined : run} data-testid={testId}>
      {pending ? "正在处理…" : label}
    </Button>
  );
  if (!confirm) return button;
  return <ConfirmDialog trigger={button} title={confirm.title} description={confirm.description} confirmLabel={confirm.confirmLabel} confirmVariant={confirm.danger ? "danger" : "primary"} onConfirm={run} />;
}
