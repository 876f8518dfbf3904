import Link from "next/link";

export type Crumb = { label: string; href?: string };

export function PageHeader({ crumbs, title, extra }: { crumbs?: Crumb[]; title: string; extra?: React.ReactNode }) {
  return (
    <div className="mb-4">
      {crumbs && crumbs.length > 0 && (
        <nav aria-label="面包屑" className="mb-2 text-sm text-slate-500">
          <ol className="flex flex-wrap items-center gap-1">
            {crumbs.map((c, i) => (
              <li key={`${c.label}-${i}`} className="flex items-center gap-1">
                {i > 0 && <span aria-hidden>/</span>}
                {c.href ? (
                  <Link href={c.href} className="hover:text-brand-600">
                    {c.label}
                  </Link>
                ) : (
                  <span className="text-slate-700">{c.label}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-medium text-slate-900">{title}</h1>
        {extra}
      </div>
    </div>
  );
}
