import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// This file lives in tests/ because the top level is kept to a fixed list. With `--config`, ESLint
// resolves patterns from the working directory, so `npm run lint` (run from the repo root) lints the repo.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "db/migrations/**", "next-env.d.ts"]),
]);
