export function Empty({ title, description }: { title: string; description?: string }) {
  return (
    <div className="flex flex-col items-center gap-1 py-12 text-center">
      <div aria-hidden className="mb-2 h-10 w-14 rounded border-2 border-dashed border-slate-300" />
      <p className="text-slate-600">{title}</p>
      {description && <p className="text-sm text-slate-400">{description}</p>}
    </div>
  );
}
