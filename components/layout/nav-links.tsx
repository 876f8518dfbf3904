"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export type NavLinkItem = { href: string; label: string; alsoActiveOn?: string[] };

export function NavLinks({ items, onNavigate }: { items: NavLinkItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col">
      {items.map((item) => {
        const active = [item.href, ...(item.alsoActiveOn ?? [])].some((p) => (p === "/" ? pathname === "/" : pathname === p || pathname.startsWith(`${p}/`)));
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              onClick={onNavigate}
              className={cn(
                "block border-r-2 px-5 py-2 text-sm",
                active ? "border-brand-500 bg-brand-50 text-brand-600" : "border-transparent text-slate-700 hover:text-brand-600",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
