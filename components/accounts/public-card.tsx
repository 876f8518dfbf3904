/** The centred card of the pages outside the portal (activation, password reset, changing an expired password). */
export function PublicCard({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-700 to-brand-500 p-6">
      <div className="w-full max-w-md rounded-lg bg-white p-8 shadow-xl">
        <p className="text-sm text-slate-500">河北省教育厅信息报送平台</p>
        <h1 className="mb-1 text-2xl font-medium text-slate-900">{title}</h1>
        {subtitle && <p className="mb-6 text-sm text-slate-500">{subtitle}</p>}
        {children}
      </div>
    </main>
  );
}
