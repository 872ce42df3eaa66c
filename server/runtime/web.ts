import http from "node:http";
import next from "next";
import { serveRoute } from "../http/node-fetch";
import { logger } from "../logger";
import { API_HEADERS, SECURITY_HEADERS } from "../security/headers";

const TRPC_PREFIX = "/api/trpc/";

/**
 * The web process: Next for pages and REST routes. tRPC's calls, most of the traffic, go straight
 * to their route handler (app/api/trpc/[trpc]/route.ts, the function Next itself would call), past
 * Next's router and route runtime, which cost ≈ 5 ms of CPU per call on a 2-core VM against ≈ 1 ms
 * for the call itself (`npm run bench -- inbox 20000 10 20000 http`). `npm run dev` keeps Next's
 * route for the same handler.
 */
async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const app = next({ dev: false, dir: process.cwd(), port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const trpc = await import("../../app/api/trpc/[trpc]/route");
  const headers = [...SECURITY_HEADERS, ...API_HEADERS];
  // MOA_TRPC_VIA_NEXT=1: through Next's router like every other route (to compare, or to rule this out).
  const viaNext = process.env.MOA_TRPC_VIA_NEXT === "1";
  const server = http.createServer((req, res) => {
    if (!viaNext && req.url?.startsWith(TRPC_PREFIX)) {
      serveRoute(req, res, trpc, port, headers).catch((error: unknown) => logger.error({ err: error }, "tRPC request failed"));
    } else {
      void handle(req, res);
    }
  });
  server.listen(port);
  server.once("listening", () => logger.info({ port }, "web listening"));
  const stop = () => {
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "web process failed to start");
  process.exit(1);
});
