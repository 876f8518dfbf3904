// The frame every bulletin is laid out in, whatever its task's kind: a provincial notice's title, addressees, opening,
// tables, notes, issuer and date, and the table cells' style.
import { type BulletinData, bulletinDate } from "@/lib/bulletins/figures";

export const cell = "border border-slate-800 px-1.5 py-1";

/** A table's heading with the basis its numbers count in right under it. */
export function Heading({ table, caption }: { table: { number: string; title: string }; caption?: string }) {
  return (
    <>
      <h2 className="mt-4 indent-[2em] font-bold">
        {table.number}、{table.title}
      </h2>
      {caption && <p className="text-center text-[10.5pt]">{caption}</p>}
    </>
  );
}

export const paragraph = "indent-[2em] leading-8";

/** A bulletin's frame as a provincial notice: title, addressees, opening, the tables, the notes, and the issuer with the date. */
export function DocumentFrame({ title, data, opening, notes, children }: { title: string; data: Pick<BulletinData, "campaign" | "generatedAt">; opening: string; notes: readonly string[]; children: React.ReactNode }) {
  return (
    <article className="text-[12pt] text-slate-900" data-testid="bulletin-document">
      <h1 className="mb-6 text-center text-[18pt] leading-relaxed font-bold" data-testid="bulletin-title">
        {title}
      </h1>
      {data.campaign.salutation && <p className="leading-8">{data.campaign.salutation}</p>}
      <p className={paragraph} data-testid="bulletin-opening">
        {opening}
      </p>
      {children}
      <section className="mt-4 text-[10.5pt] leading-7 break-inside-avoid">
        <p>说明：</p>
        <ol>
          {notes.map((note, i) => (
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

