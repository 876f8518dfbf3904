import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("the reporting tree", () => {
  it("is walked in lib/units/ only: no other file in lib/ writes a recursive query", () => {
    const walkers = sourceFiles(join(root, "lib"))
      .filter((file) => /with\s+recursive/i.test(readFileSync(file, "utf8")))
      .map((file) => relative(root, file));
    expect(walkers).toEqual(["lib/units/tree.ts"]);
  });
});
