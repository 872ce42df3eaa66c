import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyRouter } from "@trpc/server";
import {
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isPromise,
  TRPCError,
  transformTRPCResponse,
  type AnyProcedure,
  type TRPCResponse,
} from "@trpc/server/unstable-core-do-not-import";
import { nodeHeaderSource, setHeaders, type HeaderSource } from "./node-fetch";

/** Procedure names only: anything escaped, odd or empty goes the general way. */
const QUERY_PATH = /^\/api\/trpc\/([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*(?:,[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)*)$/;

export interface TrpcQueryOptions<Ctx> {
  router: AnyRouter;
  createContext: (opts: { headers: HeaderSource; resHeaders: Headers }) => Promise<Ctx>;
  port: number;
  /** Headers every API answer carries (security headers); the answer's own win. */
  baseHeaders: { key: string; value: string }[];
  /** As the adapter's `onError`: each failed call. */
  onError?: (opts: { error: TRPCError; path: string | undefined }) => void;
}

/**
 * The inbox's reads as tRPC's fetch adapter would answer them, without building a fetch Request and
 * Response per call: on a 2-core VM those objects and the adapter cost more CPU than the session
 * lookup, the query and the procedure together (`npm run bench -- inbox … http`).
 *
 * Only plain GET queries, batched or not, whose every path names a query and whose input is JSON;
 * it returns false for anything else, untouched, and the caller hands that to the fetch adapter,
 * which then answers it (errors of malformed requests included) as tRPC does. What it answers has
 * the adapter's status, headers and body (it sends a Content-Length where the adapter streams):
 * server/http/trpc-query.test.ts compares the two. Calls get no abort signal: they are short reads.
 */
export async function serveTrpcQuery<Ctx>(req: IncomingMessage, res: ServerResponse, opts: TrpcQueryOptions<Ctx>): Promise<boolean> {
  if (req.method !== "GET" || req.headers["trpc-accept"] !== undefined || req.headers.accept?.includes("application/jsonl")) return false;
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const match = QUERY_PATH.exec(q === -1 ? url : url.slice(0, q));
  if (!match) return false;
  const params = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
  const isBatch = params.get("batch") === "1";
  const paths = isBatch ? match[1].split(",") : [match[1]];
  if (!isBatch && paths.length > 1) return false;
  const inputs = parseInputs(params.get("input"), paths.length, isBatch);
  if (!inputs) return false;
  const config = opts.router._def._config;
  const procedures: AnyProcedure[] = [];
  for (const path of paths) {
    const procedure = await getProcedureAtPath(opts.router, path);
    if (procedure?._def.type !== "query") return false;
    procedures.push(procedure);
  }
  const deserialized = inputs.map((input) => (input === undefined ? undefined : config.transformer.input.deserialize(input)));

  const resHeaders = new Headers();
  // As the adapter: a context that fails (the database down) fails each call, with its path.
  const ctx = await opts.createContext({ headers: nodeHeaderSource(req, opts.port), resHeaders }).then(
    (value) => ({ value }),
    (cause: unknown) => ({ error: getTRPCErrorFromUnknown(cause) }),
  );
  const items: TRPCResponse[] = await Promise.all(
    procedures.map(async (procedure, index) => {
      const path = paths[index];
      const input = deserialized[index];
      const failed = (error: TRPCError, withInput = true) => {
        opts.onError?.({ error, path });
        const shape = getErrorShape({ config, error, type: "query", path, input: withInput ? input : undefined, ctx: "value" in ctx ? ctx.value : undefined });
        return { error: shape };
      };
      if ("error" in ctx) return failed(ctx.error, false);
      try {
        const data: unknown = await procedure({ path, getRawInput: async () => input, ctx: ctx.value, type: "query", signal: undefined, batchIndex: index });
        // A promise inside the answer cannot go as plain JSON; the adapter says so for a batch's call,
        // and without the call's path for a single one.
        if (isDataStream(data)) {
          const error = streamInPlainCall();
          if (isBatch) return failed(error);
          opts.onError?.({ error, path: undefined });
          return { error: getErrorShape({ config, error, type: "query", path: undefined, input: undefined, ctx: ctx.value }) };
        }
        return { result: { data } };
      } catch (cause) {
        return failed(getTRPCErrorFromUnknown(cause));
      }
    }),
  );
  const body = isBatch ? items : items[0];
  send(res, getHTTPStatusCode(body), JSON.stringify(transformTRPCResponse(config, body)), resHeaders, opts.baseHeaders);
  return true;
}

/** The inputs by call, or null when the adapter should judge them (not JSON, a batch's not an object). */
function parseInputs(raw: string | null, count: number, isBatch: boolean): unknown[] | null {
  if (!raw) return new Array<unknown>(count).fill(undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isBatch) return [parsed];
  if (!isObject(parsed)) return null;
  return Array.from({ length: count }, (_, index) => (parsed as Record<string, unknown>)[index]);
}

const isDataStream = (data: unknown) => isObject(data) && (isAsyncIterable(data) || Object.values(data).some((v) => isPromise(v) || isAsyncIterable(v)));

const streamInPlainCall = () =>
  new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink" });

const ANSWER_HEADERS = [
  { key: "content-type", value: "application/json" },
  { key: "vary", value: "trpc-accept, accept" },
];

function send(res: ServerResponse, status: number, body: string, resHeaders: Headers, base: { key: string; value: string }[]) {
  setHeaders(res, [...base, ...ANSWER_HEADERS], resHeaders);
  res.setHeader("content-length", Buffer.byteLength(body));
  res.writeHead(status);
  res.end(body);
}
