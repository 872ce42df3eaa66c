import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

type FetchHandler = (req: Request, ctx: object) => Promise<Response>;

/** What reads a request's headers needs: a fetch `Headers` has it, and so has `nodeHeaderSource`. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** The `x-forwarded-*` headers Next would add: a trusted proxy's own, else this connection's. */
function forwardedDefaults(req: IncomingMessage, port: number): [string, string | undefined][] {
  return [
    ["x-forwarded-host", req.headers.host ?? `localhost:${port}`],
    ["x-forwarded-port", String(port)],
    ["x-forwarded-proto", "http"],
    ["x-forwarded-for", req.socket.remoteAddress],
  ];
}

/** A Node request's headers as a fetch Request would give them, forwarded defaults included, without building one. */
export function nodeHeaderSource(req: IncomingMessage, port: number): HeaderSource {
  return {
    get(name) {
      const key = name.toLowerCase();
      const value = req.headers[key];
      if (value !== undefined) return Array.isArray(value) ? value.join(", ") : value;
      return forwardedDefaults(req, port).find(([n]) => n === key)?.[1] ?? null;
    },
  };
}

/** A Node request as the fetch Request a route handler expects, with the forwarded defaults. */
export function toFetchRequest(req: IncomingMessage, port: number, signal: AbortSignal, method = req.method ?? "GET"): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  for (const [name, value] of forwardedDefaults(req, port)) if (value !== undefined && !headers.has(name)) headers.set(name, value);
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`http://${headers.get("host") ?? `localhost:${port}`}${req.url ?? "/"}`, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** Sets `base` headers, then `headers` over them, each Set-Cookie kept apart. */
export function setHeaders(res: ServerResponse, base: { key: string; value: string }[], headers: Headers): void {
  for (const { key, value } of base) res.setHeader(key, value);
  for (const [key, value] of headers) if (key !== "set-cookie") res.setHeader(key, value);
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
}

/** Writes a fetch Response to a Node response: `base` headers first (the response's own win), body streamed. */
export async function sendResponse(res: ServerResponse, response: Response, base: { key: string; value: string }[], withBody = true): Promise<void> {
  setHeaders(res, base, response.headers);
  res.writeHead(response.status);
  if (!withBody || !response.body) {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (res.destroyed) return void (await reader.cancel());
    if (!res.write(chunk.value)) await drained(res);
  }
  res.end();
}

/** Until the socket takes more, or closes; no listener is left behind. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Serves a route module the way Next serves an app route outside its router: the handler for the
 * method with `{ params }`, HEAD from GET when there is no HEAD, an OPTIONS answer when there is no
 * OPTIONS, 405 otherwise.
 */
export async function serveRoute(
  req: IncomingMessage,
  res: ServerResponse,
  route: Record<string, unknown>,
  params: Record<string, string>,
  port: number,
  headers: { key: string; value: string }[],
) {
  const abort = new AbortController();
  res.once("close", () => !res.writableFinished && abort.abort());
  const handlerOf = (method: string) => (typeof route[method] === "function" ? (route[method] as FetchHandler) : undefined);
  const allow = () => METHODS.filter((m) => handlerOf(m) || (m === "HEAD" && handlerOf("GET")) || m === "OPTIONS").join(", ");
  const method = req.method ?? "GET";
  try {
    const asGet = method === "HEAD" && !handlerOf("HEAD");
    const handler = handlerOf(asGet ? "GET" : method);
    if (!handler) {
      const status = method === "OPTIONS" ? 204 : 405;
      return await sendResponse(res, new Response(null, { status, headers: { allow: allow() } }), headers);
    }
    const response = await handler(toFetchRequest(req, port, abort.signal, asGet ? "GET" : method), { params: Promise.resolve(params) });
    await sendResponse(res, response, headers, method !== "HEAD");
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end();
    throw error;
  }
}
