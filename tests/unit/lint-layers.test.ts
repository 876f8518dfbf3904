import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import tsParser from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import { afterEach, describe, expect, it } from "vitest";
import layers from "../eslint/domain-cycles.mjs";

let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

/** Lints a small tree of lib/ files with the layering rule and returns each message. */
async function lint(files: Record<string, string>): Promise<string[]> {
  root = mkdtempSync(join(tmpdir(), "layers-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tsParser }, plugins: { layers }, rules: { "layers/no-domain-cycle": "error" } }],
  });
  const results = await eslint.lintFiles(["lib"]);
  return results.flatMap((r) => r.messages.map((m) => m.message));
}

describe("the domain layering rule", () => {
  it("accepts domains that depend one way", async () => {
    const messages = await lint({
      "lib/core/errors.ts": "export const x = 1;\n",
      "lib/roster/rules.ts": 'import { x } from "@/lib/core/errors";\nexport const y = x;\n',
      "lib/review/queries.ts": 'import { y } from "@/lib/roster/rules";\nimport { x } from "../core/errors";\nexport const z = x + y;\n',
    });
    expect(messages).toEqual([]);
  });

  it("refuses an import that closes a cycle, naming the whole loop", async () => {
    const messages = await lint({
      "lib/core/errors.ts": "export const x = 1;\n",
      "lib/roster/rules.ts": 'import { x } from "@/lib/core/errors";\nimport type { Z } from "@/lib/review/queries";\nexport const y: Z = x;\n',
      "lib/review/queries.ts": 'import { y } from "../roster/rules";\nexport type Z = number;\nexport const z = y;\n',
    });
    expect(messages).toContain("lib/roster → lib/review closes an import cycle between domains: lib/roster → lib/review → lib/roster. Move the shared piece down (lib/core, a rules.ts) instead.");
    expect(messages).toHaveLength(2);
  });

  it("follows a cycle through several domains", async () => {
    const messages = await lint({
      "lib/a/x.ts": 'export { b } from "@/lib/b/x";\n',
      "lib/b/x.ts": 'import "@/lib/c/x";\nexport const b = 1;\n',
      "lib/c/x.ts": 'export const load = () => import("@/lib/a/x");\n',
    });
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain("lib/a → lib/b → lib/c → lib/a");
  });
});
