"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Button } from "./button";

/**
 * A dialog holding a form: its trigger, title and description, the form's fields, and 取消 beside the form's own
 * submit button. Closing it (取消, Esc, a click outside) calls `onClose`, so what was typed and refused is cleared.
 */
export function FormDialog({
  open,
  onOpenChange,
  onClose,
  trigger,
  title,
  description,
  testId,
  onSubmit,
  submit,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onClose: () => void;
  trigger: React.ReactNode;
  title: React.ReactNode;
  description: React.ReactNode;
  testId: string;
  onSubmit: React.FormEventHandler<HTMLFormElement>;
  /** The form's submit button. */
  submit: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) onClose();
      }}
    >
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed top-[15vh] left-1/2 z-50 w-[30rem] max-w-[92vw] -translate-x-1/2 rounded-md bg-white p-6 shadow-xl" data-testid={testId}>
          <Dialog.Title className="mb-2 text-base font-medium text-slate-900">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="mb-4 text-sm leading-relaxed text-slate-600">{description}</div>
          </Dialog.Description>
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            {children}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button>取消</Button>
              </Dialog.Close>
              {submit}
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
