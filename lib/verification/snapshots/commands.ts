// 导入参考数据: the province uploads a source's file for a school year, previews it, then commits that same file as the
// next version of the snapshot, every record or none. Snapshots are read-only: there is no edit or delete.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { type ReferenceSource, referenceRecords, referenceSnapshots, units } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { defineCommand } from "@/lib/core/command";
import { formatDateTime } from "@/lib/time";
import { sha256 } from "@/lib/xlsx/parse";
import { commitImport, type ImportKind, previewImport } from "@/lib/xlsx/pipeline";
import { SOURCES } from "../sources";
import { rerunAfterSnapshot } from "../rules/engine";
import { schoolYearLabel } from "../tasks/years";
import { planSnapshotRows, type SnapshotWrite, snapshotSpec } from "./rows";
import { commitSnapshotSchema, previewSnapshotSchema } from "./schemas";

/** Reads the file through the source's columns and checks every row. Writes nothing. */
export const previewSnapshotCommand = defineCommand({
  name: "verification.preview_snapshot",
  permission: "verification.manage",
  input: previewSnapshotSchema,
  async run(ctx, input) {
    const { kind } = await snapshotImport(ctx.tx, ctx.actor, input);
    return previewImport(ctx, kind, input);
  },
});

/**
 * Writes the previewed file as version n + 1 of its source and year, all records or none; the same file again (by its
 * sha256) writes nothing and says which version it already is.
 */
export const commitSnapshotCommand = defineCommand({
  name: "verification.commit_snapshot",
  permission: "verification.manage",
  input: commitSnapshotSchema,
  async run(ctx, input) {
    // One import per source and year at a time, so two uploads never take the same version.
    await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`baosong:reference-snapshot:${ctx.actor.unitId}:${input.source}:${input.schoolYear}`}))`);
    const { kind, snapshot } = await snapshotImport(ctx.tx, ctx.actor, input);
    const outcome = await commitImport(ctx, kind, input);
    return { ...outcome, snapshot: snapshot() };
  },
});

type Chosen = { source: ReferenceSource; schoolYear: number; file: File };
type Imported = { id: number; version: number; importedAt: Date };

/** The import of a source's file for a year, and (once committed) the snapshot it is: the one written, or the same file's. */
async function snapshotImport(tx: Tx, actor: Actor, chosen: Chosen): Promise<{ kind: ImportKind<string, SnapshotWrite>; snapshot(): (Imported & { unchanged: boolean }) | null }> {
  // The hash of the bytes the pipeline reads; a commit refuses them unless it is the hash its preview showed.
  const fileHash = sha256(new Uint8Array(await chosen.file.arrayBuffer()));
  const imported = await importedAs(tx, actor.unitId, chosen, fileHash);
  const provinceCode = await provinceCodeOf(tx, actor.unitId);
  let written: Imported | null = null;
  const kind: ImportKind<string, SnapshotWrite> = {
    ...snapshotSpec(chosen.source),
    target: () => ({ type: "reference_snapshot", id: `${chosen.source}:${chosen.schoolYear}` }),
    plan: async (_tx, rows) =>
      planSnapshotRows(chosen.source, rows, { schoolYear: chosen.schoolYear, provinceCode, imported: imported && { version: imported.version, when: formatDateTime(imported.importedAt) } }),
    async write(ctx, plan, { fileName }) {
      if (imported) return;
      written = await writeSnapshot(ctx.tx, ctx.actor, { ...chosen, fileName, fileHash }, plan.writes, ctx.now);
      // A new snapshot re-runs the rules of every task that reads its year: what no longer differs closes.
      await rerunAfterSnapshot(ctx.tx, { ownerUnitId: ctx.actor.unitId, schoolYear: chosen.schoolYear, now: ctx.now });
      ctx.target("reference_snapshot", written.id, { source: chosen.source, schoolYear: chosen.schoolYear, version: written.version, records: plan.writes.length, fileName: fileName.slice(0, 200) });
    },
  };
  const snapshot = () => (written ? { ...written, unchanged: false } : imported && { ...imported, unchanged: true });
  return { kind, snapshot };
}

/** The snapshot this very file (by its hash) already is for the source and year, if it was imported before. */
async function importedAs(tx: Tx, ownerUnitId: number, { source, schoolYear }: Chosen, fileHash: string): Promise<Imported | null> {
  const [found] = await tx
    .select({ id: referenceSnapshots.id, version: referenceSnapshots.version, importedAt: referenceSnapshots.importedAt })
    .from(referenceSnapshots)
    .where(and(eq(referenceSnapshots.ownerUnitId, ownerUnitId), eq(referenceSnapshots.source, source), eq(referenceSnapshots.schoolYear, schoolYear), eq(referenceSnapshots.fileHash, fileHash)));
  return found ?? null;
}

/** Digits 1–2 of the province's 区划代码 (13 for 河北), which its schools' 学校标识码 carry as digits 3–4. */
async function provinceCodeOf(tx: Tx, unitId: number): Promise<string> {
  const [unit] = await tx.select({ divisionCode: units.divisionCode, code: units.code }).from(units).where(eq(units.id, unitId));
  return (unit.divisionCode ?? unit.code).slice(0, 2);
}

async function writeSnapshot(
  tx: Tx,
  actor: Actor,
  { source, schoolYear, fileName, fileHash }: { source: ReferenceSource; schoolYear: number; fileName: string; fileHash: string },
  writes: SnapshotWrite[],
  now: Date,
): Promise<Imported> {
  const [latest] = await tx
    .select({ version: referenceSnapshots.version })
    .from(referenceSnapshots)
    .where(and(eq(referenceSnapshots.ownerUnitId, actor.unitId), eq(referenceSnapshots.source, source), eq(referenceSnapshots.schoolYear, schoolYear)))
    .orderBy(desc(referenceSnapshots.version))
    .limit(1);
  const [snapshot] = await tx
    .insert(referenceSnapshots)
    .values({
      ownerUnitId: actor.unitId,
      source,
      schoolYear,
      version: (latest?.version ?? 0) + 1,
      fileName: fileName.slice(0, 200) || `${SOURCES[source].label}${schoolYearLabel(schoolYear)}.xlsx`,
      fileHash,
      records: writes.length,
      importedAt: now,
      importedBy: actor.userId,
    })
    .returning({ id: referenceSnapshots.id, version: referenceSnapshots.version, importedAt: referenceSnapshots.importedAt });
  // Batches keep each insert's parameters well under PostgreSQL's limit for a 7,300-school file.
  for (let at = 0; at < writes.length; at += 1000) {
    await tx.insert(referenceRecords).values(writes.slice(at, at + 1000).map((w) => ({ snapshotId: snapshot.id, schoolCode: w.schoolCode, line: w.line, fields: w.fields })));
  }
  return snapshot;
}
