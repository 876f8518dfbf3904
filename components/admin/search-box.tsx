import Link from "next/link";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** A GET search: the query stays in the URL, so a search can be bookmarked and shared. */
/** 「清除」 shows while anything is filtered: the text, or (`filtered`) the other fields given as children. */
export function SearchBox({
  name,
  label,
  placeholder,
  value,
  filtered = Boolean(value),
  clearHref,
  children,
}: {
  name: string;
  label: string;
  placeholder: string;
  value?: string;
  filtered?: boolean;
  clearHref: string;
  children?: React.ReactNode;
}) {
  return (
    <form method="get" role="search" aria-label={label} className="flex flex-wrap items-center gap-2">
      <label htmlFor={`search-${name}`} className="text-sm text-slate-700">
        {label}
      </label>
      <div className="w-72">
        <input id={`search-${name}`} name={name} defaultValue={value} placeholder={placeholder} className={inputClass} data-testid={`search-${name}`} />
      </div>
      {children}
      <Button type="submit" variant="primary" data-testid="search-submit">
        搜索
      </Button>
      {filtered && (
        <Link href={clearHref} className="text-sm text-brand-600 hover:underline">
          清除
        </Link>
      )}
    </form>
  );
}
