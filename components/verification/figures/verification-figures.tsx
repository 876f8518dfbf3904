import { CellsTable } from "@/components/bulletins/training-document";
import { VERIFICATION_NAME_COLUMNS } from "@/components/bulletins/verification-document";
import { FigureNotes } from "@/components/bulletins/figure-notes";
import { Card } from "@/components/ui/card";
import type { TableCells } from "@/lib/bulletins/kind-tables";
import {
  VERIFICATION_BULLETIN_NOTES,
  VERIFICATION_BULLETIN_TABLES,
  VERIFICATION_EMPTY_TABLES,
  VERIFICATION_TABLE_CAPTIONS,
  type VerificationTableKey,
  verificationBulletinCells,
} from "@/lib/verification/figures/bulletin";
import { VERIFICATION_FIGURE_NOTES } from "@/lib/verification/figures/figures";
import { ownLineCells, schoolsCells } from "@/lib/verification/figures/page-cells";
import type { FiguresPage } from "@/lib/verification/figures/queries";

function FiguresCard({ title, caption, table, empty, testId, nameColumn }: { title: string; caption: string; table: TableCells; empty: string; testId: string; nameColumn: number }) {
  return (
    <Card title={title}>
      <p className="mb-1 text-sm text-slate-500">{caption}</p>
      {table.rows.length > 0 ? <CellsTable table={table} testId={testId} nameColumn={nameColumn} /> : <p className="text-sm text-slate-500">{empty}</p>}
    </Card>
  );
}

/** The province's 核验情况: the bulletin's tables, from the same cells, counted now. */
export function ProvinceFigures({ page }: { page: Extract<FiguresPage, { scope: "province" }> }) {
  const cells = verificationBulletinCells(page.tally);
  return (
    <>
      {(Object.keys(VERIFICATION_BULLETIN_TABLES) as VerificationTableKey[]).map((key) => (
        <FiguresCard
          key={key}
          title={VERIFICATION_BULLETIN_TABLES[key].title}
          caption={VERIFICATION_TABLE_CAPTIONS[key]}
          table={cells[key]}
          empty={VERIFICATION_EMPTY_TABLES[key]}
          testId={`verification-figures-${key}`}
          nameColumn={VERIFICATION_NAME_COLUMNS[key]}
        />
      ))}
      <FigureNotes notes={VERIFICATION_BULLETIN_NOTES} />
    </>
  );
}

/** A reporting unit's 核验情况: its own line, its items by rule, and its schools. */
export function ReportingFigures({ page }: { page: Extract<FiguresPage, { scope: "reporting" }> }) {
  const { categories } = verificationBulletinCells(page.tally);
  return (
    <>
      <FiguresCard title="本单位核验情况" caption={VERIFICATION_TABLE_CAPTIONS.reporting} table={ownLineCells(page.line)} empty="" testId="verification-figures-own" nameColumn={0} />
      <FiguresCard title={VERIFICATION_BULLETIN_TABLES.categories.title} caption={VERIFICATION_TABLE_CAPTIONS.categories} table={categories} empty={VERIFICATION_EMPTY_TABLES.categories} testId="verification-figures-categories" nameColumn={0} />
      <FiguresCard title="所辖学校核验情况" caption="（问题：条）" table={schoolsCells(page.schools)} empty="本单位没有所辖学校。" testId="verification-figures-schools" nameColumn={0} />
      <FigureNotes notes={VERIFICATION_FIGURE_NOTES} />
    </>
  );
}
