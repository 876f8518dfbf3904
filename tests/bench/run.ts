import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

// `npm run bench`: each tests/bench/*.bench.ts runs in its own process, so its peak memory is its own, and
// with the react-server condition, as the server loads the domain's server-only modules.
const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", `${dir}${file}`], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
if (benches.length === 0) console.log("No benchmarks found.");
process.exit(failed === 0 ? 0 : 1);
