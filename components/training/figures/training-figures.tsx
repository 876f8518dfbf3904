import { CellsTable } from "@/components/bulletins/training-document";
import { FigureNotes } from "@/components/bulletins/figure-notes";
import { Card } from "@/components/ui/card";
import { TRAINING_BULLETIN_NOTES, TRAINING_BULLETIN_TABLES, TRAINING_TABLE_CAPTIONS, trainingBulletinCells } from "@/lib/training/figures/bulletin";
import type { TableCells } from "@/lib/bulletins/kind-tables";
import { TRAINING_FIGURE_NOTES } from "@/lib/training/figures/figures";
import { coveredUnitsCells, ownLineCells } from "@/lib/training/figures/page-cells";
import type { FiguresPage } from "@/lib/training/figures/queries";

type TableKey = keyof typeof TRAINING_BULLETIN_TABLES;

function FiguresCard({ title, caption, table, testId, nameColumn }: { title: string; caption: string; table: TableCells; testId: string; nameColumn?: number }) {
  return (
    <Card title={title}>
      <p className="mb-1 text-sm text-slate-500">{caption}</p>
      {table.rows.length > 0 ? <CellsTable table={table} testId={testId} nameColumn={nameColumn} /> : <p className="text-sm text-slate-500">尚未安排培训场次。</p>}
    </Card>
  );
}

/** The province's 培训情况: the bulletin's tables, from the same cells, counted now. */
export function ProvinceFigures({ page }: { page: Extract<FiguresPage, { scope: "province" }> }) {
  const cells = trainingBulletinCells(page.tally);
  return (
    <>
      {(Object.keys(TRAINING_BULLETIN_TABLES) as TableKey[]).map((key) => (
        <FiguresCard key={key} title={TRAINING_BULLETIN_TABLES[key].title} caption={TRAINING_TABLE_CAPTIONS[key]} table={cells[key]} testId={`training-figures-${key}`} nameColumn={key === "overview" || key === "matrix" ? 0 : 1} />
      ))}
      <FigureNotes notes={TRAINING_BULLETIN_NOTES} />
    </>
  );
}

/** A reporting unit's 培训情况: its own line, its sessions, and the units its 回执 covers. */
export function ReportingFigures({ page }: { page: Extract<FiguresPage, { scope: "reporting" }> }) {
  const { sessions } = trainingBulletinCells(page.tally);
  return (
    <>
      <FiguresCard title="本单位培训情况" caption={TRAINING_TABLE_CAPTIONS.reporting} table={ownLineCells(page.line)} testId="training-figures-own" nameColumn={0} />
      <FiguresCard title="各阶段、各场次参训情况" caption={TRAINING_TABLE_CAPTIONS.sessions} table={sessions} testId="training-figures-sessions" />
      <FiguresCard title="所辖单位培训情况" caption="（人数：人；按报名人员所在单位统计）" table={coveredUnitsCells(page.units)} testId="training-figures-units" nameColumn={0} />
      <FigureNotes notes={TRAINING_FIGURE_NOTES} />
    </>
  );
}
