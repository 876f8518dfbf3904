import type { RosterRow } from "@/lib/roster/queries";
import { FIELD_LABELS } from "@/lib/roster/schemas";
import { TABLE_TITLE } from "@/lib/roster/template";

const cell = "border border-black px-1.5 py-1";

export const DRAFT_MARK = "草稿（未填写完整）";

/**
 * The attachment of the notice, laid out to print on A4 landscape for stamping. An incomplete table is
 * marked as a draft on paper too (a heading and a watermark), so it is never taken for the table to stamp.
 */
export function RosterSheet({
  unitName,
  fillerName,
  fillerPhone,
  rows,
  notes,
  draft,
}: {
  unitName: string;
  fillerName: string | null;
  fillerPhone: string | null;
  rows: RosterRow[];
  /** The campaign's 填表说明; none, no section. */
  notes: string[];
  draft: boolean;
}) {
  return (
    <article className="relative mx-auto w-[297mm] bg-white px-[14mm] py-[12mm] text-[11pt] leading-snug text-black shadow print:w-auto print:p-0 print:shadow-none" data-testid="print-sheet">
      <style>{"@page { size: A4 landscape; margin: 12mm 14mm; }"}</style>
      {draft && (
        <>
          <p className="mb-2 border-2 border-red-600 py-1 text-center text-[14pt] font-bold text-red-600" data-testid="print-draft">
            {DRAFT_MARK}：本表尚未填写完整，不能盖章报送
          </p>
          <div aria-hidden className="pointer-events-none fixed inset-0 flex items-center justify-center print:fixed">
            <span className="-rotate-30 text-[72pt] font-bold whitespace-nowrap text-red-600/15">{DRAFT_MARK}</span>
          </div>
        </>
      )}
      <p className="mb-2 text-[12pt]">附件</p>
      <h1 className="mb-4 text-center text-[18pt] font-bold tracking-wider">{TABLE_TITLE}</h1>
      <div className="mb-2 grid grid-cols-[2fr_1fr_1fr] gap-4">
        <p>填报单位（盖章）：{unitName}</p>
        <p>填报人：{fillerName ?? ""}</p>
        <p>联系电话：{fillerPhone ?? ""}</p>
      </div>
      <table className="w-full border-collapse text-[10pt]">
        <thead className="table-header-group">
          <tr>
            <th className={`${cell} w-[24%]`}>{FIELD_LABELS.unitName}</th>
            <th className={`${cell} w-[15%]`}>
              学校教育事业统计
              <br />
              标识码（仅学校用户填写）
            </th>
            <th className={`${cell} w-[10%]`}>{FIELD_LABELS.name}</th>
            <th className={`${cell} w-[13%]`}>{FIELD_LABELS.position}</th>
            <th className={`${cell} w-[15%]`}>{FIELD_LABELS.phone}</th>
            <th className={cell}>{FIELD_LABELS.email}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unitId} className="break-inside-avoid">
              <td className={cell}>{r.unitName}</td>
              <td className={`${cell} text-center`}>{r.entry?.schoolCode ?? ""}</td>
              <td className={`${cell} text-center`}>{r.entry?.name ?? ""}</td>
              <td className={`${cell} text-center`}>{r.entry?.position ?? ""}</td>
              <td className={`${cell} text-center`}>{r.entry?.phone ?? ""}</td>
              <td className={cell}>{r.entry?.email ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {notes.length > 0 && (
        <section className="mt-4 text-[10pt]" data-testid="print-notes">
          <p>填表说明：</p>
          <ol className="list-none">
            {notes.map((note, i) => (
              <li key={i}>
                {i + 1}. {note}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
