import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import next from "next";
import { serveRoute } from "../http/node-fetch";
import { serveTrpcQuery } from "../http/trpc-query";
import { createContext } from "../trpc/context";
import { reportTrpcError } from "../trpc/report-error";
import { appRouter } from "../trpc/router";
import { createRouteTable, findRouteFiles } from "../http/route-table";
import { logger } from "../logger";
import { getDb, poolOf } from "../db";
import { readEnv } from "../env";
import { startSessionCache } from "../identity/session-cache";
import { API_HEADERS, SECURITY_HEADERS } from "../security/headers";
import { runWebCluster, webProcessCount } from "./web-cluster";

/**
 * The web process: Next for the pages. The route handlers under app/api (tRPC, the agency API,
 * sign-in, downloads) are called here directly, the very functions Next would call, past Next's
 * router and route runtime: those cost ≈ 4.5 ms of CPU per call on a 2-core VM, against ≈ 1.6 ms
 * for a whole inbox call (`npm run bench -- inbox 20000 10 20000 http` and `http-next`). tRPC's
 * plain GET queries (the inbox, every page's reads) skip the fetch Request and Response too
 * (server/http/trpc-query.ts).
 * MOA_TRPC_VIA_FETCH=1 sends those through tRPC's fetch adapter as well (to compare).
 * MOA_API_VIA_NEXT=1 sends every request to Next (to compare, or to rule this out); `npm run dev`
 * always does. Sessions read are kept while PostgreSQL says none changed (identity/session-cache.ts);
 * MOA_SESSION_CACHE=off reads each request's from the database. WEB_PROCESSES of them share the
 * port (web-cluster.ts).
 */
async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const app = next({ dev: false, dir: process.cwd(), port });
  const handle = app.getRequestHandler();
  await app.prepare();
  if (readEnv().MOA_SESSION_CACHE === "on") {
    // Without it (the database not up yet) sessions are read per request until it listens.
    await startSessionCache(poolOf(getDb())).catch((error: unknown) => logger.warn({ err: error }, "session cache not listening yet"));
  }
  const root = path.join(process.cwd(), "app");
  const files = process.env.MOA_API_VIA_NEXT === "1" ? [] : findRouteFiles(root, path.join(root, "api"));
  const routes = createRouteTable(await Promise.all(files.map(async ({ segments, file }) => ({ segments, route: (await import(pathToFileURL(file).href)) as Record<string, unknown> }))));
  const headers = [...SECURITY_HEADERS, ...API_HEADERS];
  const queriesFromNode = files.length > 0 && process.env.MOA_TRPC_VIA_FETCH !== "1";
  const query = { router: appRouter, createContext, port, baseHeaders: headers, onError: reportTrpcError };
  const serve = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (queriesFromNode && pathname.startsWith("/api/trpc/") && (await serveTrpcQuery(req, res, query))) return;
    const found = pathname.startsWith("/api/") ? routes.match(pathname) : null;
    if (!found) return handle(req, res);
    await serveRoute(req, res, found.route, found.params, port, headers);
  };
  const server = http.createServer((req, res) => {
    const pathname = req.url?.split("?")[0] ?? "/";
    serve(req, res, pathname).catch((error: unknown) => {
      logger.error({ err: error, path: pathname }, "route failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
  server.listen(port);
  server.once("listening", () => logger.info({ port, routes: routes.size }, "web listening"));
  const stop = () => {
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

const processes = webProcessCount();
if (cluster.isPrimary && processes > 1) runWebCluster(processes, fileURLToPath(import.meta.url));
else
  main().catch((error: unknown) => {
    logger.fatal({ err: error }, "web process failed to start");
    process.exit(1);
  });
