import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createHttpSmsProvider } from "./http";
import { SmsPermanentError, SmsTemporaryError, type SmsReceipt } from "./types";

const API_KEY = "vendor-key-123";
const seen: { path: string; auth: string | undefined; type: string | undefined; body: unknown }[] = [];
let server: http.Server;
let base: string;

/** A vendor whose answer depends on the path. */
const answers: Record<string, [number, string]> = {
  "/ok": [200, JSON.stringify({ messageIds: ["v-1", "v-2"] })],
  "/throttled": [429, JSON.stringify({ error: "slow down" })],
  "/unauthorised": [401, ""],
  "/invalid": [400, JSON.stringify({ error: "invalid number" })],
  "/down": [503, "maintenance"],
  "/garbage": [200, "<html>ok</html>"],
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      seen.push({ path: req.url!, auth: req.headers.authorization, type: req.headers["content-type"], body: JSON.parse(raw) });
      if (req.url === "/hang") return; // never answers
      const [status, body] = answers[req.url!] ?? [404, ""];
      res.writeHead(status, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const message = { to: "01012345678", text: "안녕하세요", reference: "d-9" };
const provider = (path: string, timeoutMs?: number) => createHttpSmsProvider({ url: base + path, apiKey: API_KEY, timeoutMs });

describe("HTTP SMS provider", () => {
  it("posts the message as JSON with the key and returns the vendor's ids", async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => (calls++, fetch(input, init));
    const result = await createHttpSmsProvider({ url: `${base}/ok`, apiKey: API_KEY, fetch: counting }).send(message);
    expect(result).toEqual({ messageIds: ["v-1", "v-2"] });
    expect(calls).toBe(1);
    expect(seen.at(-1)).toEqual({ path: "/ok", auth: `Bearer ${API_KEY}`, type: "application/json", body: message });
  });

  it.each(["/throttled", "/unauthorised", "/down", "/garbage"])("treats %s as temporary", async (path) => {
    await expect(provider(path).send(message)).rejects.toThrow(SmsTemporaryError);
  });

  it("treats a refused message as permanent", async () => {
    await expect(provider("/invalid").send(message)).rejects.toThrow(SmsPermanentError);
  });

  it("treats a timeout and an unreachable vendor as temporary", async () => {
    await expect(provider("/hang", 100).send(message)).rejects.toThrow(/unreachable: TimeoutError/);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const p = createHttpSmsProvider({ url: `http://127.0.0.1:${port}/`, apiKey: API_KEY });
    await expect(p.send(message)).rejects.toThrow(SmsTemporaryError);
  });

  it("passes receipt callbacks to the handlers and refuses malformed ones", async () => {
    const p = provider("/ok");
    const got: SmsReceipt[] = [];
    p.onReceipt((r) => void got.push(r));
    await p.handleReceiptCallback({ messageId: "v-1", status: "failed", error: "UNDELIV", at: "2025-03-01T09:00:00+09:00" });
    await p.handleReceiptCallback({ messageId: "v-2", status: "delivered" });
    expect(got[0]).toEqual({ messageId: "v-1", status: "failed", error: "UNDELIV", at: new Date("2025-03-01T00:00:00Z") });
    expect(got[1]).toMatchObject({ messageId: "v-2", status: "delivered", error: null });
    await expect(p.handleReceiptCallback({ messageId: "v-3", status: "read" })).rejects.toThrow(ZodError);
    expect(got).toHaveLength(2);
  });
});
