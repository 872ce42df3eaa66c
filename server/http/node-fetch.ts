import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

type FetchHandler = (req: Request, ctx: object) => Promise<Response>;

/**
 * A Node request as the fetch Request a route handler expects, with the `x-forwarded-*` headers
 * Next would add: a trusted proxy's own, else this connection's.
 */
export function toFetchRequest(req: IncomingMessage, port: number, signal: AbortSignal, method = req.method ?? "GET"): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const host = headers.get("host") ?? `localhost:${port}`;
  const setDefault = (name: string, value: string | undefined) => value !== undefined && !headers.has(name) && headers.set(name, value);
  setDefault("x-forwarded-host", host);
  setDefault("x-forwarded-port", String(port));
  setDefault("x-forwarded-proto", "http");
  setDefault("x-forwarded-for", req.socket.remoteAddress);
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`http://${host}${req.url ?? "/"}`, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a fetch Response to a Node response: `base` headers first (the response's own win), body streamed. */
export async function sendResponse(res: ServerResponse, response: Response, base: { key: string; value: string }[], withBody = true): Promise<void> {
  for (const { key, value } of base) res.setHeader(key, value);
  for (const [key, value] of response.headers) if (key !== "set-cookie") res.setHeader(key, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.writeHead(response.status);
  if (!withBody || !response.body) {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (res.destroyed) return void (await reader.cancel());
    if (!res.write(chunk.value)) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
  }
  res.end();
}

/**
 * Serves one route module's GET and POST the way Next does for an app route (HEAD from GET, an
 * OPTIONS answer, 405 otherwise), for a path served outside Next's router.
 */
export async function serveRoute(req: IncomingMessage, res: ServerResponse, route: { GET: FetchHandler; POST: FetchHandler }, port: number, headers: { key: string; value: string }[]) {
  const abort = new AbortController();
  res.once("close", () => !res.writableFinished && abort.abort());
  try {
    if (req.method === "OPTIONS") return await sendResponse(res, new Response(null, { status: 204, headers: { allow: "GET, HEAD, OPTIONS, POST" } }), headers);
    const handler = req.method === "GET" || req.method === "HEAD" ? route.GET : req.method === "POST" ? route.POST : null;
    if (!handler) return await sendResponse(res, new Response(null, { status: 405, headers: { allow: "GET, HEAD, OPTIONS, POST" } }), headers);
    const response = await handler(toFetchRequest(req, port, abort.signal, req.method === "HEAD" ? "GET" : req.method), {});
    await sendResponse(res, response, headers, req.method !== "HEAD");
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end();
    throw error;
  }
}
