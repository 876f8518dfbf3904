/** The header row of the 回执 page's tables. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="bg-slate-50 text-left text-slate-600">
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col" className="px-3 py-2 font-medium">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
