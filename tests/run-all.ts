// `npm test`: type-check, lint, Vitest (unit + integration), Playwright; ends with one summary line.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const results = join(root, "test-results");
const chromium = "/usr/bin/chromium";

interface Count {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Count = { passed: 0, failed: 0, skipped: 0 };

function record(suite: string, count: Count, note = ""): void {
  total.passed += count.passed;
  total.failed += count.failed;
  total.skipped += count.skipped;
  console.log(`\n[${suite}] ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped${note}\n`);
}

/** Runs a binary from node_modules/.bin with inherited output; resolves to its exit code (1 if it died). */
function run(bin: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n$ ${bin} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(join(root, "node_modules/.bin", bin), args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    child.on("error", (error) => {
      console.error(`Could not start ${bin}: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/**
 * Whatever the report says, a non-zero exit with no failure counted (a crash, a failed global
 * setup, an unhandled error) is one failure: a runner that broke never looks like "0 tests".
 */
function withExitCode(count: Count, exitCode: number): Count {
  return exitCode !== 0 && count.failed === 0 ? { ...count, failed: 1 } : count;
}

async function checkStep(suite: string, bin: string, args: string[]): Promise<void> {
  const ok = (await run(bin, args)) === 0;
  record(suite, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

async function vitest(): Promise<void> {
  const file = join(results, "vitest.json");
  rmSync(file, { force: true });
  const args = ["run", "--config", "tests/vitest.config.ts", "--passWithNoTests"];
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${file}`];
  const exitCode = await run("vitest", [...args, ...reporters]);
  const report = readJson<VitestReport>(file);
  if (!report) return record("vitest", { passed: 0, failed: 1, skipped: 0 }, " (no report: the runner crashed)");
  // A file that failed to load has no failed test but is a failure all the same.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((t) => t.status === "failed"),
  ).length;
  const count = {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  record("vitest", withExitCode(count, exitCode));
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: unknown[];
}

async function playwright(): Promise<void> {
  const file = join(results, "playwright.json");
  rmSync(file, { force: true });
  const args = ["test", "--config", "tests/e2e/playwright.config.ts", "--pass-with-no-tests"];

  if (!existsSync(chromium)) {
    if (process.env.CI === "true") {
      return record("playwright", { passed: 0, failed: 1, skipped: 0 }, ` (${chromium} is missing, required on CI)`);
    }
    console.log(`\n${chromium} is missing: skipping the browser tests (apt-get install chromium to run them).`);
    // Listing needs no browser, so the skipped tests are still counted.
    await run("playwright", [...args, "--list", "--reporter=json"], { PLAYWRIGHT_JSON_OUTPUT_FILE: file });
    const listed = readJson<PlaywrightReport>(file)?.stats;
    const skipped = listed ? listed.expected + listed.unexpected + listed.flaky + listed.skipped : 0;
    return record("playwright", { passed: 0, failed: 0, skipped }, " (no Chromium)");
  }

  const exitCode = await run("playwright", [...args, "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_FILE: file });
  const report = readJson<PlaywrightReport>(file);
  if (!report) return record("playwright", { passed: 0, failed: 1, skipped: 0 }, " (no report: the runner crashed)");
  const { stats, errors } = report;
  // `errors` holds what failed outside any test: global setup, a spec that does not load.
  const count = { passed: stats.expected + stats.flaky, failed: stats.unexpected + errors.length, skipped: stats.skipped };
  record("playwright", withExitCode(count, exitCode));
}

mkdirSync(results, { recursive: true });
await checkStep("typecheck", "tsc", ["--noEmit"]);
await checkStep("lint", "eslint", ["--config", "tests/eslint.config.mjs", "."]);
await vitest();
await playwright();

const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : "";
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exitCode = total.failed > 0 ? 1 : 0;
