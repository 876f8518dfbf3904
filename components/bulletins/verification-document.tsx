import {
  VERIFICATION_BULLETIN_NOTES,
  VERIFICATION_BULLETIN_TABLES,
  VERIFICATION_EMPTY_TABLES,
  VERIFICATION_TABLE_CAPTIONS,
  type VerificationBulletinData,
  type VerificationTableKey,
  verificationBulletinCells,
  verificationBulletinOpening,
} from "@/lib/verification/figures/bulletin";
import { DocumentFrame, Heading, paragraph } from "./document-frame";
import { CellsTable } from "./training-document";

/** Which column of each table holds the names (left-aligned). */
export const VERIFICATION_NAME_COLUMNS: Record<VerificationTableKey, number> = { overview: -1, reporting: 1, categories: 0, unfinished: 1 };

/** A verification task's bulletin: confirmations and items province-wide, ranked per reporting unit, by rule, and the schools not yet confirmed. */
export function VerificationBulletinDocument({ title, data }: { title: string; data: VerificationBulletinData }) {
  const cells = verificationBulletinCells(data.tally);
  const keys = Object.keys(VERIFICATION_BULLETIN_TABLES) as VerificationTableKey[];
  return (
    <DocumentFrame title={title} data={data} opening={verificationBulletinOpening(data)} notes={VERIFICATION_BULLETIN_NOTES}>
      {keys.map((key) => (
        <section key={key}>
          <Heading table={VERIFICATION_BULLETIN_TABLES[key]} caption={VERIFICATION_TABLE_CAPTIONS[key]} />
          {cells[key].rows.length > 0 ? (
            <CellsTable table={cells[key]} testId={`verification-bulletin-${key}`} nameColumn={VERIFICATION_NAME_COLUMNS[key]} />
          ) : (
            <p className={paragraph}>{VERIFICATION_EMPTY_TABLES[key]}</p>
          )}
        </section>
      ))}
    </DocumentFrame>
  );
}
