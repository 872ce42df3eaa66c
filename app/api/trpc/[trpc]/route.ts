import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { publicRoute } from "@/server/http/route";
import { createContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/router";
import { reportTrpcError } from "@/server/trpc/report-error";
import { SCAN_MAX_BYTES } from "@/server/assist/counter";

/** The largest input is a paper consent's scan, in base64 (a third more), with room for the rest. */
const TRPC_MAX_BODY_BYTES = Math.ceil((SCAN_MAX_BYTES * 4) / 3) + 64 * 1024;

const handle = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ req, resHeaders }) => createContext({ headers: req.headers, resHeaders }),
    onError: reportTrpcError,
  });

/** Each procedure checks its own rule (server/trpc/init.ts); queries are read-only. */
export const GET = publicRoute("each procedure's own rule", handle);

/** Mutations: publicRoute refuses cross-origin POSTs (CSRF), then each procedure checks its rule. */
export const POST = publicRoute("each procedure's own rule", handle, { maxBodyBytes: TRPC_MAX_BODY_BYTES });
