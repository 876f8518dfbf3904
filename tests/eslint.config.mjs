import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import layers from "./eslint/domain-cycles.mjs";

// This file lives in tests/ because the top level is kept to a fixed list. With `--config`, ESLint
// resolves patterns from the working directory, so `npm run lint` (run from the repo root) lints the repo.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // The architecture, checked: domains depend one way, the core depends on no domain, components never query.
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    plugins: { layers },
    rules: { "layers/no-domain-cycle": "error" },
  },
  {
    files: ["lib/core/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^@/lib/(?!core/)", message: "lib/core imports no domain: the domains build on it." }] },
      ],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [{ regex: "^@/db(/|$)", allowTypeImports: true, message: "Components never query the database: the page reads and hands the data down." }],
        },
      ],
    },
  },
  globalIgnores([".next/**", ".next-bench/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "db/migrations/**", "next-env.d.ts"]),
]);
