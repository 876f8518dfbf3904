import { BULLETIN_NOTES, type BulletinData, type BulletinRow, type BulletinTable, bulletinDate, bulletinOpening, FIGURE_COLUMNS, figureCells } from "@/lib/bulletins/figures";

const cell = "border border-slate-800 px-1.5 py-1";

function FiguresTable<R extends BulletinRow>({ table, first, testId }: { table: BulletinTable<R>; first: string; testId: string }) {
  return (
    <table className="my-3 w-full border-collapse text-center text-[10pt] leading-snug" data-testid={testId}>
      <thead className="table-header-group bg-slate-50 print:bg-transparent">
        <tr>
          <th className={`${cell} w-[7%] font-medium`}>名次</th>
          <th className={`${cell} font-medium`}>{first}</th>
          {FIGURE_COLUMNS.map((c) => (
            <th key={c.key} className={`${cell} w-[9%] font-medium`}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr key={r.unitId ?? "none"} className="break-inside-avoid" data-testid={`${testId}-row`}>
            <td className={cell}>{r.rank}</td>
            <td className={`${cell} text-left`}>{r.name}</td>
            {figureCells(r).map((v, i) => (
              <td key={FIGURE_COLUMNS[i].key} className={cell}>
                {v}
              </td>
            ))}
          </tr>
        ))}
        <tr className="break-inside-avoid font-medium" data-testid={`${testId}-total`}>
          <td className={cell} />
          <td className={`${cell} text-left`}>合计</td>
          {figureCells(table.total).map((v, i) => (
            <td key={FIGURE_COLUMNS[i].key} className={cell}>
              {v}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

/** The bulletin as a provincial notice: title, addressees, the figures, and the issuer with the date. */
export function BulletinDocument({ title, data }: { title: string; data: BulletinData }) {
  const paragraph = "indent-[2em] leading-8";
  return (
    <article className="text-[12pt] text-slate-900" data-testid="bulletin-document">
      <h1 className="mb-6 text-center text-[18pt] leading-relaxed font-bold" data-testid="bulletin-title">
        {title}
      </h1>
      {data.campaign.salutation && <p className="leading-8">{data.campaign.salutation}</p>}
      <p className={paragraph} data-testid="bulletin-opening">
        {bulletinOpening(data)}
      </p>
      <h2 className="mt-4 indent-[2em] font-bold">一、各报送单位报送情况</h2>
      <FiguresTable table={data.reportingUnits} first="报送单位" testId="bulletin-units" />
      <h2 className="mt-4 indent-[2em] font-bold">二、各市学校报送情况</h2>
      {data.citySchools.rows.length > 0 ? (
        <FiguresTable table={data.citySchools} first="所在市" testId="bulletin-cities" />
      ) : (
        <p className={paragraph}>本次任务不涉及学校。</p>
      )}
      <section className="mt-4 text-[10.5pt] leading-7 break-inside-avoid">
        <p>说明：</p>
        <ol>
          {BULLETIN_NOTES.map((note, i) => (
            <li key={note} className="indent-[2em]">
              {i + 1}. {note}
            </li>
          ))}
        </ol>
      </section>
      <div className="mt-10 ml-auto w-fit text-center leading-8 break-inside-avoid">
        <p>{data.campaign.issuer}</p>
        <p data-testid="bulletin-date">{bulletinDate(data)}</p>
      </div>
    </article>
  );
}
