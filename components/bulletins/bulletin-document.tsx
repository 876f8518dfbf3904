import {
  basisCaption,
  BULLETIN_NOTES,
  BULLETIN_TABLES,
  type StoredBulletinData,
  type BulletinRow,
  type BulletinTable,
  bulletinOpening,
  overviewRows,
} from "@/lib/bulletins/figures";
import { Notice } from "@/components/ui/notice";
import { FIGURE_COLUMNS, type Figures, figureCells } from "@/lib/campaigns/figures";
import { trainingBulletinData } from "@/lib/training/figures/bulletin";
import { cell, DocumentFrame, Heading, paragraph } from "./document-frame";
import { TrainingBulletinDocument } from "./training-document";
import { verificationBulletinData } from "@/lib/verification/figures/bulletin";
import { VerificationBulletinDocument } from "./verification-document";

/** A table of figures: an optional 名次 column, the row's name, then FIGURE_COLUMNS. */
function FiguresTable({ first, rows, total, ranked, testId }: { first: string; rows: { key: string; rank?: number; name: string; figures: Figures }[]; total?: Figures; ranked: boolean; testId: string }) {
  const line = (name: string, figures: Figures, rank?: number) => (
    <>
      {ranked && <td className={cell}>{rank}</td>}
      <td className={`${cell} text-left`}>{name}</td>
      {figureCells(figures).map((v, i) => (
        <td key={FIGURE_COLUMNS[i].key} className={cell}>
          {v}
        </td>
      ))}
    </>
  );
  return (
    <table className="my-3 w-full border-collapse text-center text-[10pt] leading-snug" data-testid={testId}>
      <thead className="table-header-group bg-slate-50 print:bg-transparent">
        <tr>
          {ranked && <th className={`${cell} w-[7%] font-medium`}>名次</th>}
          <th className={`${cell} font-medium`}>{first}</th>
          {FIGURE_COLUMNS.map((c) => (
            <th key={c.key} className={`${cell} w-[9%] font-medium`}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="break-inside-avoid" data-testid={`${testId}-row`}>
            {line(r.name, r.figures, r.rank)}
          </tr>
        ))}
        {total && (
          <tr className="break-inside-avoid font-medium" data-testid={`${testId}-total`}>
            {line("合计", total)}
          </tr>
        )}
      </tbody>
    </table>
  );
}

function RankedTable<R extends BulletinRow>({ table, first, testId }: { table: BulletinTable<R>; first: string; testId: string }) {
  const rows = table.rows.map((r) => ({ key: String(r.unitId), rank: r.rank, name: r.name, figures: r }));
  return <FiguresTable first={first} rows={rows} total={table.total} ranked testId={testId} />;
}

/** The bulletin as a provincial notice; a training or verification task's lays out its own figures in the same frame. */
export function BulletinDocument({ title, data }: { title: string; data: StoredBulletinData | null }) {
  if (!data)
    return (
      <Notice tone="warning" testId="bulletin-outdated">
        本通报生成于统计口径调整之前（当时未区分报送单位和覆盖单位），不能按现行口径显示或导出。如需通报，请在任务中重新生成。
      </Notice>
    );
  if ("kind" in data)
    return data.kind === "verification" ? <VerificationBulletinDocument title={title} data={verificationBulletinData(data)} /> : <TrainingBulletinDocument title={title} data={trainingBulletinData(data)} />;
  const { overview, reportingUnits, citySchools } = BULLETIN_TABLES;
  return (
    <DocumentFrame title={title} data={data} opening={bulletinOpening(data)} notes={BULLETIN_NOTES}>
      <Heading table={overview} />
      <FiguresTable first={overview.first} rows={overviewRows(data).map((r) => ({ key: r.label, name: r.label, figures: r.figures }))} ranked={false} testId="bulletin-overview" />
      <Heading table={reportingUnits} caption={basisCaption(reportingUnits.basis)} />
      <RankedTable table={data.reportingUnits} first={reportingUnits.first} testId="bulletin-units" />
      <Heading table={citySchools} caption={data.citySchools.rows.length > 0 ? basisCaption(citySchools.basis) : undefined} />
      {data.citySchools.rows.length > 0 ? <RankedTable table={data.citySchools} first={citySchools.first} testId="bulletin-cities" /> : <p className={paragraph}>本次任务不涉及各市学校。</p>}
    </DocumentFrame>
  );
}
