import { eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/index";
import { type Role, type Unit, type UnitKind, units, users } from "@/db/schema";
import { CAMPAIGN_DOC_NUMBER, DEMO_PASSWORD } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password";
import { executeCommand } from "@/lib/core/command";
import { saveHeaderCommand, saveRowCommand, uploadScanCommand } from "@/lib/roster/commands";
import { submitCommand } from "@/lib/submissions/commands";
import { activeSubtreeIds } from "@/lib/units/tree";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

type Row = { name: string; phone: string; email: string };

/** A city officer of the unit with this code, signing in with `officer.password`; a restarted worker adding it again changes nothing. */
export async function addCityOfficer(db: Db, unitCode: string, officer: { email: string; password: string; name: string }): Promise<void> {
  const [unit] = await db.select().from(units).where(eq(units.code, unitCode));
  await db
    .insert(users)
    .values({ ...officer, role: "city_officer", unitId: unit.id, status: "active", passwordHash: await hashPassword(officer.password) })
    .onConflictDoNothing();
}

/**
 * A city-level unit's filler account (password DEMO_PASSWORD, never signed in) and its table in the seeded campaign,
 * each covered unit's row from `row`, filled and submitted through the same commands the pages call.
 */
export async function submitTableAs(
  db: Db,
  { unitCode, filler, fillerPhone, row }: { unitCode: string; filler: { email: string; name: string }; fillerPhone: string; row: (index: number) => Row },
): Promise<{ submissionId: number; campaignId: number; covered: Unit[] }> {
  const [unit] = await db.select().from(units).where(eq(units.code, unitCode));
  const [user] = await db
    .insert(users)
    .values({ email: filler.email, name: filler.name, role: "city_officer", unitId: unit.id, status: "active", passwordHash: await hashPassword(DEMO_PASSWORD) })
    .returning();
  const run = runAs(db, { ...user, unitName: unit.name, unitKind: unit.kind });
  const { submissionId, campaignId } = await seededSubmissionOf(db, unit.id);
  // The table covers the unit's whole active subtree: its counties' schools too.
  const covered = await db.select().from(units).where(sql`${units.id} in ${activeSubtreeIds(unit.id)}`).orderBy(units.id);
  await saveRows(run, submissionId, covered, row);
  const [{ version }] = await db.execute<{ version: number }>(sql`select version from submissions where id = ${submissionId}`);
  const header = await run(saveHeaderCommand, { submissionId, expectedVersion: version, fillerName: filler.name, fillerPhone });
  const scan = await run(uploadScanCommand, { submissionId, expectedVersion: header.version, file: new File([new Uint8Array(PDF)], "盖章表.pdf", { type: "application/pdf" }) });
  await run(submitCommand, { submissionId, expectedVersion: scan.version });
  return { submissionId, campaignId, covered };
}

/** Every row of the city's table in the seeded campaign, as its officer `email` saves them, but the units `except` picks. */
export async function saveRowsAs(db: Db, { email, unitCode, except, row }: { email: string; unitCode: string; except: SQL; row: (index: number) => Row }): Promise<void> {
  const [unit] = await db.select().from(units).where(eq(units.code, unitCode));
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const { submissionId } = await seededSubmissionOf(db, unit.id);
  const rows = await db.select().from(units).where(sql`${units.id} in ${activeSubtreeIds(unit.id)} and not (${except})`).orderBy(units.id);
  await saveRows(runAs(db, { ...user, unitName: unit.name, unitKind: unit.kind }), submissionId, rows, row);
}

type Run = (command: Parameters<typeof executeCommand>[0], input: unknown) => Promise<{ version: number }>;

/** Runs commands as this user, as its pages would; a refusal fails the test. */
function runAs(db: Db, user: { id: number; name: string; email: string; role: Role; unitId: number; unitName: string; unitKind: UnitKind }): Run {
  const actor = { userId: user.id, sessionId: "00000000-0000-4000-8000-000000000000", name: user.name, email: user.email, role: user.role, unitId: user.unitId, unitName: user.unitName, unitKind: user.unitKind };
  return async (command, input) => {
    const result = await executeCommand(command, input, { db, actor, ip: null, now: new Date() });
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.data as { version: number };
  };
}

/** The seeded campaign's submission of the unit: other specs may publish campaigns of their own. */
async function seededSubmissionOf(db: Db, unitId: number): Promise<{ submissionId: number; campaignId: number }> {
  const [{ id, campaign_id }] = await db.execute<{ id: number; campaign_id: number }>(
    sql`select s.id, s.campaign_id from submissions s join campaigns c on c.id = s.campaign_id where s.unit_id = ${unitId} and c.doc_number = ${CAMPAIGN_DOC_NUMBER}`,
  );
  return { submissionId: Number(id), campaignId: Number(campaign_id) };
}

async function saveRows(run: Run, submissionId: number, rows: Unit[], row: (index: number) => Row): Promise<void> {
  for (const [i, u] of rows.entries()) {
    await run(saveRowCommand, { submissionId, unitId: u.id, expectedVersion: null, position: "信息中心主任", ...row(i), schoolCode: u.schoolCode ?? "" });
  }
}
