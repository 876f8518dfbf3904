import { cn } from "./cn";

export const inputClass =
  "h-8 w-full rounded border border-slate-300 bg-white px-2 text-sm outline-none transition-colors placeholder:text-slate-400 hover:border-brand-500 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-red-500 aria-invalid:focus:ring-red-100";

/** A labelled control with its error (or hint) right below it, wired for screen readers. */
export function Field({
  id,
  label,
  error,
  warning,
  hint,
  required,
  className,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  warning?: string;
  hint?: string;
  required?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm text-slate-700">
        {required && <span className="mr-0.5 text-red-500">*</span>}
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : warning ? (
        <p id={`${id}-warning`} className="text-xs text-amber-600">
          {warning}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

/** Props that tie an input to its Field's error message. */
export function describedBy(id: string, error?: string) {
  return error ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}
