"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";
import { type NavLinkItem, NavLinks } from "./nav-links";

/**
 * Under 768 px the left navigation is a drawer behind 「菜单」. Radix traps focus inside it, closes it on
 * Escape or a click outside, and gives focus back to 「菜单」; following a link closes it too.
 */
export function NavDrawer({ items, children }: { items: NavLinkItem[]; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="rounded border border-white/40 px-2 py-1 text-sm text-white hover:bg-white/10 md:hidden" data-testid="nav-menu">
        菜单
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40 md:hidden" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-64 max-w-[80vw] flex-col overflow-y-auto bg-white py-3 shadow-xl md:hidden"
          data-testid="nav-drawer"
        >
          <div className="flex items-center justify-between px-5 pb-2">
            <Dialog.Title className="text-base font-medium text-slate-900">菜单</Dialog.Title>
            <Dialog.Close className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" data-testid="nav-close">
              关闭
            </Dialog.Close>
          </div>
          <nav aria-label="主导航">
            <NavLinks items={items} onNavigate={() => setOpen(false)} />
          </nav>
          <div className="mt-auto border-t border-slate-200 px-5 pt-3">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
