import { TRAINING_BULLETIN_NOTES, TRAINING_BULLETIN_TABLES, TRAINING_TABLE_CAPTIONS, type TrainingBulletinData, trainingBulletinCells, trainingBulletinOpening } from "@/lib/training/figures/bulletin";
import type { TableCells } from "@/lib/bulletins/kind-tables";
import { cell, DocumentFrame, Heading, paragraph } from "./document-frame";

/** A table of a bulletin laid out from its cells (lib/bulletins/kind-tables.ts), with its 合计 row; `nameColumn` reads left-aligned. */
export function CellsTable({ table, testId, nameColumn = 1 }: { table: TableCells; testId: string; nameColumn?: number }) {
  const line = (cells: (string | number)[]) => cells.map((v, i) => <td key={i} className={`${cell} ${i === nameColumn ? "text-left" : ""}`}>{v}</td>);
  return (
    <table className="my-3 w-full border-collapse text-center text-[10pt] leading-snug" data-testid={testId}>
      <thead className="table-header-group bg-slate-50 print:bg-transparent">
        <tr>
          {table.header.map((h) => (
            <th key={h} className={`${cell} font-medium`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={i} className="break-inside-avoid" data-testid={`${testId}-row`}>
            {line(r)}
          </tr>
        ))}
        {table.total && (
          <tr className="break-inside-avoid font-medium" data-testid={`${testId}-total`}>
            {line(table.total)}
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** A training task's bulletin: 回执 and attendance province-wide, ranked per reporting unit, per session, per unit and session. */
export function TrainingBulletinDocument({ title, data }: { title: string; data: TrainingBulletinData }) {
  const cells = trainingBulletinCells(data.tally);
  const keys = Object.keys(TRAINING_BULLETIN_TABLES) as (keyof typeof TRAINING_BULLETIN_TABLES)[];
  return (
    <DocumentFrame title={title} data={data} opening={trainingBulletinOpening(data)} notes={TRAINING_BULLETIN_NOTES}>
      {keys.map((key) => (
        <section key={key}>
          <Heading table={TRAINING_BULLETIN_TABLES[key]} caption={TRAINING_TABLE_CAPTIONS[key]} />
          {cells[key].rows.length > 0 ? <CellsTable table={cells[key]} testId={`training-bulletin-${key}`} /> : <p className={paragraph}>尚未安排培训场次。</p>}
        </section>
      ))}
    </DocumentFrame>
  );
}
