import { cn } from "./cn";

export function Card({ title, extra, className, children }: { title?: React.ReactNode; extra?: React.ReactNode; className?: string; children: React.ReactNode }) {
  return (
    <section className={cn("rounded-md border border-slate-200 bg-white", className)}>
      {(title || extra) && (
        <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
          <h2 className="text-base font-medium text-slate-900">{title}</h2>
          {extra}
        </header>
      )}
      <div className="p-5">{children}</div>
    </section>
  );
}
