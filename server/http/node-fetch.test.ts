import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { serveRoute } from "./node-fetch";

type Handler = (req: Request, ctx: object) => Promise<Response>;
const BASE = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cache-Control", value: "no-store" },
];

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real server that serves every request through serveRoute with the given handlers. */
async function serve(route: { GET?: Handler; POST?: Handler; DELETE?: Handler }, params: Record<string, string> = {}) {
  server = http.createServer((req, res) => void serveRoute(req, res, route, params, 4321, BASE).catch(() => {}));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("serveRoute: a route handler served outside Next", () => {
  it("adds the forwarded headers Next would, keeping a proxy's own", async () => {
    const seen: Record<string, string | null>[] = [];
    const url = await serve({
      GET: async (req) => {
        seen.push(Object.fromEntries(["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "cookie"].map((h) => [h, req.headers.get(h)])));
        return Response.json({ path: new URL(req.url).pathname + new URL(req.url).search });
      },
    });
    const direct = await fetch(`${url}/api/trpc/a.b?input=%7B%7D`, { headers: { cookie: "moa-session=t" } });
    expect(await direct.json()).toEqual({ path: "/api/trpc/a.b?input=%7B%7D" });
    await fetch(`${url}/api/trpc/a.b`, { headers: { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-forwarded-host": "moa.go.kr" } });
    expect(seen[0]).toEqual({ "x-forwarded-for": "127.0.0.1", "x-forwarded-host": new URL(url).host, "x-forwarded-proto": "http", "x-forwarded-port": "4321", cookie: "moa-session=t" });
    expect(seen[1]).toMatchObject({ "x-forwarded-for": "203.0.113.7", "x-forwarded-host": "moa.go.kr", "x-forwarded-proto": "https" });
  });

  it("hands a POST's body on and sends every Set-Cookie, the base headers under the response's own", async () => {
    const url = await serve({
      POST: async (req) => {
        const headers = new Headers({ "cache-control": "private" });
        headers.append("set-cookie", "a=1; Path=/");
        headers.append("set-cookie", "b=2; Path=/");
        return new Response(`got ${await req.text()}`, { status: 201, headers });
      },
    });
    const res = await fetch(`${url}/api/trpc/x`, { method: "POST", body: "한국어 ".repeat(500_000) });
    expect(res.status).toBe(201);
    expect((await res.text()).length).toBe(4 + 4 * 500_000);
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cache-control")).toBe("private");
  });

  it("streams a long body chunk by chunk, waiting for the socket without piling up listeners", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(65);
    const url = await serve({
      GET: async () => {
        let sent = 0;
        return new Response(new ReadableStream({ pull: (c) => (sent++ < 300 ? c.enqueue(chunk) : c.close()) }));
      },
    });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    const bytes = (await (await fetch(`${url}/api/v1/big`)).arrayBuffer()).byteLength;
    await new Promise((r) => setTimeout(r, 50));
    process.off("warning", onWarning);
    expect(bytes).toBe(300 * chunk.length);
    expect(warnings).toEqual([]);
  });

  it("passes the params as Next does", async () => {
    const url = await serve({ GET: async (_req, ctx) => Response.json(await (ctx as { params: Promise<unknown> }).params) }, { id: "n-1" });
    expect(await (await fetch(`${url}/api/v1/notices/n-1`)).json()).toEqual({ id: "n-1" });
  });

  it("answers HEAD from GET without a body, OPTIONS with the methods, others with 405", async () => {
    const methods: string[] = [];
    const url = await serve({
      GET: async (req) => (methods.push(req.method), new Response("body", { headers: { "x-one": "1" } })),
      DELETE: async () => new Response(null, { status: 204 }),
    });
    const head = await fetch(`${url}/api/trpc/x`, { method: "HEAD" });
    expect([head.status, head.headers.get("x-one"), await head.text()]).toEqual([200, "1", ""]);
    expect(methods).toEqual(["GET"]);
    const options = await fetch(`${url}/api/trpc/x`, { method: "OPTIONS" });
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, HEAD, OPTIONS, DELETE"]);
    const put = await fetch(`${url}/api/trpc/x`, { method: "PUT" });
    expect([put.status, put.headers.get("allow"), put.headers.get("x-frame-options")]).toEqual([405, "GET, HEAD, OPTIONS, DELETE", "DENY"]);
    expect((await fetch(`${url}/api/trpc/x`, { method: "DELETE" })).status).toBe(204);
  });

  it("answers 500 when the handler throws, and aborts the request when the client leaves", async () => {
    let aborted: Promise<void> | undefined;
    const url = await serve({
      GET: async (req) => {
        if (req.url.endsWith("/throw")) throw new Error("boom");
        aborted = new Promise((resolve) => req.signal.addEventListener("abort", () => resolve()));
        return new Promise(() => {}); // never answers
      },
    });
    expect((await fetch(`${url}/api/trpc/throw`)).status).toBe(500);
    const client = new AbortController();
    const pending = fetch(`${url}/api/trpc/wait`, { signal: client.signal }).catch(() => "gone");
    while (!aborted) await new Promise((r) => setTimeout(r, 10));
    client.abort();
    await aborted;
    expect(await pending).toBe("gone");
  });
});
