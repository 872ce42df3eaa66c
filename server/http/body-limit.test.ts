import { describe, expect, it } from "vitest";
import { agencyRoute, MAX_BODY_BYTES, publicRoute } from "./route";

/**
 * No route reads more request body than it allows: a larger declared length is 413 before a byte
 * is read, and a body without a length (chunked) fails the reader once past the limit instead of
 * being buffered whole by `req.json()` (tRPC's adapter, the agency API's single notice).
 */
const HOST = "moa.test";

/** A chunked body of `total` bytes in 64 KiB chunks, counting what the route pulled. */
function chunkedBody(total: number) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

const post = (body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request(`http://${HOST}/api/x`, { method: "POST", headers: { host: HOST, origin: `http://${HOST}`, ...headers }, body, duplex: "half" } as RequestInit);

/** Reads the body the way route handlers do; says how much it got or that reading failed. */
const reader = publicRoute("none", async (req) => {
  const read = await req.text().then(
    (text) => ({ ok: true, length: text.length }),
    () => ({ ok: false, length: 0 }),
  );
  return Response.json(read);
});

describe("request body limit", () => {
  it("answers 413 to a declared length over the limit without calling the handler", async () => {
    let called = false;
    const route = publicRoute("none", async () => ((called = true), new Response("read")));
    const res = await route(post("x", { "content-length": String(MAX_BODY_BYTES + 1) }), {});
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "too_large" } });
    expect(called).toBe(false);
  });

  it("stops a chunked body once past the limit: the handler's read fails and the rest is never pulled", async () => {
    const { stream, pulled } = chunkedBody(20 * MAX_BODY_BYTES);
    const res = await reader(post(stream), {});
    expect(await res.json()).toEqual({ ok: false, length: 0 });
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES + 4 * 64 * 1024);
  });

  it("hands a body within the limit over whole", async () => {
    const { stream } = chunkedBody(MAX_BODY_BYTES - 64 * 1024);
    expect(await (await reader(post(stream), {})).json()).toEqual({ ok: true, length: MAX_BODY_BYTES - 64 * 1024 });
    expect(await (await reader(post("héllo"), {})).json()).toEqual({ ok: true, length: 5 });
  });

  it("lets a route that streams its body say so, and keeps its own larger limit", async () => {
    const big = publicRoute("none", async (req) => Response.json({ length: (await req.arrayBuffer()).byteLength }), { maxBodyBytes: Infinity });
    const { stream } = chunkedBody(3 * MAX_BODY_BYTES);
    expect(await (await big(post(stream), {})).json()).toEqual({ length: 3 * MAX_BODY_BYTES });
    const eight = publicRoute("none", async (req) => Response.json({ length: (await req.arrayBuffer()).byteLength }), { maxBodyBytes: 8 * MAX_BODY_BYTES });
    expect(await (await eight(post(new Uint8Array(5 * MAX_BODY_BYTES)), {})).json()).toEqual({ length: 5 * MAX_BODY_BYTES });
  });

  it("answers the agency API in problem+json, before the key is even looked at", async () => {
    const route = agencyRoute("none", async () => new Response("read"));
    const res = await route(post("x", { "content-length": String(MAX_BODY_BYTES + 1), authorization: "Bearer nothing" }), {});
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ type: "https://moa.go.kr/problems/request-too-large", status: 413, maxBytes: MAX_BODY_BYTES });
  });
});
