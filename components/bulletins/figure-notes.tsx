/** How a page of figures counts, said under its tables (the bulletin prints the same notes in its frame). */
export function FigureNotes({ notes }: { notes: readonly string[] }) {
  return (
    <section className="text-sm leading-6 text-slate-600" aria-label="统计口径">
      <p>说明：</p>
      <ol className="list-decimal pl-6">
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ol>
    </section>
  );
}
