// `npm run bench xlsx`: a 5,000-row import (preview, then parse + validate + commit), the refusal of
// files that must not be imported, and a 20,000-row provincial roster export, against a PostgreSQL
// database of their own. The database and the files are prepared here; each measured step runs in a
// fresh process, so its peak memory is its own.
// Targets on the 2-core machine: import < 2 s, refusal < 2 s, export < 2 s, peak memory < 300 MB.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import * as XLSX from "xlsx";
import { createDb, type Db } from "@/db/index";
import type { Actor } from "@/lib/core/actor";

const IMPORT_ROWS = 5000;
const EXPORT_ROWS = 20000;
const NOW = new Date();
const CITY_EMAIL = "shijiazhuang@demo.baosong.cn";
const REVIEWER_EMAIL = "reviewer@demo.baosong.cn";

type Step = { step: "import" | "refuse" | "export"; url: string; file: string };

const [, , stepName, stepUrl, stepFile] = process.argv;
if (stepName) await measure({ step: stepName as Step["step"], url: stepUrl, file: stepFile });
else await prepareAndRun();

async function prepareAndRun(): Promise<void> {
  const { migrateDatabase } = await import("@/db/migrate");
  const { seedDatabase } = await import("@/db/seed");
  const { officialTableWorkbook } = await import("@/lib/xlsx/tables");
  const { writeWorkbook } = await import("@/lib/xlsx/styled-workbook");
  const { choosePostgresServer, databaseUrl, dropDatabase, recreateDatabase } = await import("../support/postgres");

  const server = await choosePostgresServer();
  const name = `baosong_bench_${randomBytes(4).toString("hex")}`;
  await recreateDatabase(server.url, name);
  const url = databaseUrl(server.url, name);
  const { db, client } = createDb(url, { max: 2 });
  const dir = mkdtempSync(join(tmpdir(), "baosong-bench-"));
  let failed = false;
  try {
    await migrateDatabase(url);
    await seedDatabase(db, { now: NOW });
    const city = await actorOf(db, CITY_EMAIL);
    // 5,000 schools under 石家庄, and enough under the other cities for a province of 20,000 units.
    await db.execute(sql`
      insert into units (code, name, kind, reporting_parent_id, school_code, sort_order)
      select '3613' || lpad(i::text, 6, '0'), '压测示例学校' || i, 'school', ${city.unitId}, '3613' || lpad(i::text, 6, '0'), 1000 + i
      from generate_series(500001, ${500000 + IMPORT_ROWS}) i`);
    const [{ covered }] = await db.execute<{ covered: number }>(sql`select count(*)::int as covered from units where active and kind not in ('ministry', 'province_bureau')`);
    await db.execute(sql`
      insert into units (code, name, kind, reporting_parent_id, school_code, sort_order)
      select '3614' || lpad(i::text, 6, '0'), '压测外市学校' || i, 'school',
             (select id from units where code = (array['1302','1303','1304','1305','1306','1307','1308','1309','1310','1311'])[1 + i % 10]),
             '3614' || lpad(i::text, 6, '0'), 1000 + i
      from generate_series(1, ${EXPORT_ROWS - covered}::int) i`);

    // The upload: the official table filled in for the 5,000 schools, as a city officer would send it.
    const schools = await db.execute(sql`select name, school_code from units where code like '36135%' order by code`);
    const upload = join(dir, "import.xlsx");
    const rows = schools.map((s, i) => ({
      unitName: String(s.name),
      schoolCode: String(s.school_code),
      entry: { name: "王伟", position: "信息中心主任", phone: `138${String(i).padStart(8, "0")}`, email: `admin${i}@example.com`, schoolCode: String(s.school_code) },
    }));
    writeFileSync(upload, await writeWorkbook(officialTableWorkbook({ reportingUnitName: city.unitName, fillerName: null, fillerPhone: null, rows, notes: [] })));
    failed ||= !runStep({ step: "import", url, file: upload });

    const refusals = join(dir, "refusals");
    mkdirSync(refusals);
    for (const [name, bytes] of refusalFiles(await import("../unit/xlsx-fixtures"), await import("@/lib/xlsx/workbook"), upload)) writeFileSync(join(refusals, name), bytes);
    failed ||= !runStep({ step: "refuse", url, file: refusals });

    // Every other covered unit gets its row too (one beginning with "=", as exports must keep as text).
    await db.execute(sql`
      insert into roster_entries (campaign_id, submission_id, unit_id, name, position, phone, email, school_code)
      select s.campaign_id, s.id, u.id, '李娜', '=HYPERLINK("http://example.com")', '0311-66005705', 'u' || u.id || '@example.com', u.school_code
      from units u
      join lateral (
        with recursive up(id, parent) as (select u.id, u.reporting_parent_id union all select p.id, p.reporting_parent_id from units p join up on p.id = up.parent)
        select s.* from up join submissions s on s.unit_id = up.id limit 1
      ) s on true
      where u.active and u.kind not in ('ministry', 'province_bureau')
      on conflict do nothing`);
    failed ||= !runStep({ step: "export", url, file: "" });
  } finally {
    await client.end();
    await dropDatabase(server.url, name);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

/** What must be refused quickly: each is the worst of its kind within the 5 MB limit. */
function refusalFiles(
  { EXE, encryptedWorkbook, HEADER, withExtraPart }: typeof import("../unit/xlsx-fixtures"),
  { sheetFromRows, workbookFromSheets }: typeof import("@/lib/xlsx/workbook"),
  upload: string,
): [string, Buffer][] {
  const valid = readFileSync(upload);
  const longRows = Array.from({ length: 150_000 }, (_, i) => [`学校${i}`, "", "王伟", "主任", `138${String(i).padStart(8, "0")}`, `a${i}@example.com`]);
  const files: [string, Buffer][] = [
    // Written by SheetJS, deflated: as small as such a sheet gets, to reach the row check within 5 MB.
    ["150,000 rows in .xlsx", XLSX.write(workbookFromSheets([{ name: "s", sheet: sheetFromRows([HEADER, ...longRows]) }]), { type: "buffer", bookType: "xlsx", compression: true }) as Buffer],
    ["80,000 rows in .csv", Buffer.from([HEADER, ...longRows.slice(0, 80_000)].map((r) => r.join(",")).join("\r\n"))],
    ["zip inflating to 60 MB", withExtraPart(valid, 60 * 1024 * 1024)],
    ["zip lying about 60 MB", withExtraPart(valid, 60 * 1024 * 1024, { declare: 1000 })],
    ["encrypted workbook", encryptedWorkbook()],
    ["truncated .xlsx", valid.subarray(0, valid.length >> 1)],
    [".exe renamed .xlsx", EXE],
    ["5 MB of text, no table", Buffer.alloc(5 * 1024 * 1024 - 1, "A")],
  ];
  return files.map(([name, bytes]) => [`${name} (${(bytes.length / 1048576).toFixed(1)} MB)`, bytes]);
}

/** The domain modules are marked server-only: as in Next's server build, that marker resolves to nothing. */
function runStep({ step, url, file }: Step): boolean {
  const args = ["--conditions=react-server", "--import", "tsx", fileURLToPath(import.meta.url), step, url, file];
  return spawnSync(process.execPath, args, { stdio: "inherit" }).status === 0;
}

async function measure({ step, url, file }: Step): Promise<void> {
  const { executeCommand } = await import("@/lib/core/command");
  const { commitImportCommand, previewImportCommand } = await import("@/lib/xlsx/commands");
  const { performDownload } = await import("@/lib/downloads/audited");
  const { provinceExport } = await import("@/lib/xlsx/exports");
  const { db, client } = createDb(url, { max: 2 });
  const peakMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);
  const run = { db, ip: "127.0.0.1", now: NOW };
  try {
    if (step === "import") {
      const city = await actorOf(db, CITY_EMAIL);
      const [submission] = await db.execute(sql`select id from submissions where unit_id = ${city.unitId}`);
      const bytes = readFileSync(file);
      const upload = new File([new Uint8Array(bytes)], "单位系统管理员实名信息表.xlsx");
      const baseline = peakMb();

      let started = performance.now();
      const preview = await executeCommand(previewImportCommand, { submissionId: submission.id, file: upload }, { ...run, actor: city });
      const previewMs = performance.now() - started;
      if (!preview.ok || preview.data.counts.new !== IMPORT_ROWS) throw new Error(`preview failed: ${JSON.stringify(preview).slice(0, 500)}`);

      started = performance.now();
      const input = { submissionId: submission.id, file: upload, fileHash: preview.data.fileHash, seen: JSON.stringify(preview.data.seen) };
      const committed = await executeCommand(commitImportCommand, input, { ...run, actor: city });
      const commitMs = performance.now() - started;
      if (!committed.ok || committed.data.counts.new !== IMPORT_ROWS) throw new Error(`commit failed: ${JSON.stringify(committed).slice(0, 500)}`);
      console.log(`import of ${IMPORT_ROWS} rows (${(bytes.length / 1024).toFixed(0)} KB .xlsx):`);
      console.log(`  preview (parse + validate):          ${previewMs.toFixed(0)} ms`);
      console.log(`  commit  (parse + validate + write):  ${commitMs.toFixed(0)} ms   [target < 2000 ms]`);
      console.log(`  peak RSS ${peakMb()} MB (process at start: ${baseline} MB)   [target < 300 MB]`);
    } else if (step === "refuse") {
      const city = await actorOf(db, CITY_EMAIL);
      const [submission] = await db.execute(sql`select id from submissions where unit_id = ${city.unitId}`);
      const baseline = peakMb();
      console.log("refusal of files that must not be imported (nothing written):");
      let slowest = 0;
      for (const name of readdirSync(file)) {
        const upload = new File([new Uint8Array(readFileSync(join(file, name)))], "名单.xlsx");
        const started = performance.now();
        const result = await executeCommand(previewImportCommand, { submissionId: submission.id, file: upload }, { ...run, actor: city });
        const ms = performance.now() - started;
        if (result.ok) throw new Error(`${name} was not refused`);
        slowest = Math.max(slowest, ms);
        console.log(`  ${name.padEnd(34)} ${ms.toFixed(0).padStart(5)} ms  ${result.fieldErrors?.file ?? result.formError}`);
      }
      console.log(`  slowest ${slowest.toFixed(0)} ms   [target < 2000 ms]; peak RSS ${peakMb()} MB (process at start: ${baseline} MB)`);
    } else {
      const reviewer = await actorOf(db, REVIEWER_EMAIL);
      const [campaign] = await db.execute(sql`select id from campaigns limit 1`);
      const baseline = peakMb();
      // Twice: the first in a fresh process (code not yet optimised), the second as a running server answers.
      const timings: number[] = [];
      let size = 0;
      let peak = "";
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        // Over 50 rows of people's data: asked for with a reason, as the 「导出原因」 dialog sends it.
        const exported = await performDownload({ ...run, actor: reviewer, reason: "压测导出" }, "xlsx.export_province", provinceExport(Number(campaign.id)));
        timings.push(performance.now() - started);
        size = exported?.content.length ?? 0;
        peak ||= peakMb();
      }
      const audits = await db.execute<{ rows: number }>(sql`select (detail->>'rows')::int as rows from audit_log where action = 'xlsx.export_province'`);
      if (audits.length !== 2 || audits.some((a) => a.rows < EXPORT_ROWS)) throw new Error(`export failed: ${JSON.stringify(audits)}`);
      console.log(`export of the provincial roster, ${audits[0].rows} rows (query + workbook + .xlsx, ${(size / 1024).toFixed(0)} KB):`);
      console.log(`  first ${timings[0].toFixed(0)} ms, again ${timings[1].toFixed(0)} ms   [target < 2000 ms]`);
      console.log(`  peak RSS ${peak} MB (process at start: ${baseline} MB; ${peakMb()} MB after both)   [target < 300 MB]`);
    }
  } finally {
    await client.end();
  }
}

async function actorOf(db: Db, email: string): Promise<Actor> {
  const [row] = await db.execute(sql`
    select u.id, u.name, u.email, u.role, u.unit_id, n.name as unit_name, n.kind
    from users u join units n on n.id = u.unit_id where u.email = ${email}`);
  return {
    userId: Number(row.id),
    sessionId: "bench",
    name: String(row.name),
    email: String(row.email),
    role: row.role as Actor["role"],
    unitId: Number(row.unit_id),
    unitName: String(row.unit_name),
    unitKind: row.kind as Actor["unitKind"],
  };
}
