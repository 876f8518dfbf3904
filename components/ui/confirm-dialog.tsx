"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { Button, type ButtonVariant } from "./button";

/** Asks before anything irreversible. Radix handles focus and Escape. */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  confirmVariant = "primary",
  onConfirm,
}: {
  trigger: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <AlertDialog.Content className="fixed top-1/3 left-1/2 z-50 w-[26rem] max-w-[92vw] -translate-x-1/2 rounded-md bg-white p-6 shadow-xl">
          <AlertDialog.Title className="mb-2 text-base font-medium text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mb-5 text-sm leading-relaxed text-slate-600">{description}</div>
          </AlertDialog.Description>
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button>取消</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={confirmVariant} onClick={onConfirm} data-testid="confirm-action">
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
