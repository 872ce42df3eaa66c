import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as trpcRoute from "../../app/api/trpc/[trpc]/route";
import { seedDemo } from "../../prisma/seed/seed";
import { DEMO_CITIZENS, DEMO_STAFF } from "../../prisma/seed/data";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { sessionCookieName } from "../identity/cookies";
import { rrnToCi } from "../identity/rrn";
import { createSession } from "../identity/sessions";
import { submitNotice } from "../notices/submit";
import { API_HEADERS, SECURITY_HEADERS } from "../security/headers";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { createContext } from "../trpc/context";
import { appRouter } from "../trpc/router";
import { serveRoute } from "./node-fetch";
import { serveTrpcQuery, type TrpcQueryOptions } from "./trpc-query";
import type { Context } from "../trpc/context";

/**
 * The web process answers tRPC's plain GET queries from the Node request (trpc-query.ts) instead of
 * through tRPC's fetch adapter. Every answer it gives must be the adapter's: same status, headers
 * and body, for successes, errors, batches and a failing context; everything else it must leave
 * untouched for the adapter.
 */
const SECRET = "q".repeat(40);
const BASE_HEADERS = [...SECURITY_HEADERS, ...API_HEADERS];
const senior = DEMO_CITIZENS.find((c) => c.key === "senior")!;
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;

let t: TestDatabase;
let pool: pg.Pool;
const cookies = { citizen: "", staff: "" };
/** Requests the fast path answered itself. */
let answered = 0;

type CreateContext = TrpcQueryOptions<Context>["createContext"];

/** Two servers on the same router: one as the web process serves queries, one through the fetch adapter only. */
function servers(createContextFn: CreateContext) {
  // Failed calls each side reported (code and path), to compare; the app's own route logs its own.
  const reported = { fast: [] as string[], adapter: [] as string[] };
  const report = (side: string[]) => ({ error, path }: { error: { code: string }; path?: string }) => void side.push(`${error.code} ${path}`);
  // The app's own route module; for another context, the same adapter given that context.
  const usedRoute =
    createContextFn === createContext
      ? trpcRoute
      : { GET: (req: Request) => fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: ({ req, resHeaders }) => createContextFn({ headers: req.headers, resHeaders }), onError: report(reported.adapter) }) };
  const start = (fast: boolean) =>
    new Promise<{ url: string; server: http.Server }>((resolve) => {
      const server = http.createServer((req, res) => {
        const port = (server.address() as AddressInfo).port;
        void (async () => {
          if (fast && (await serveTrpcQuery(req, res, { router: appRouter, createContext: createContextFn, port, baseHeaders: BASE_HEADERS, onError: report(reported.fast) }))) return void answered++;
          expect(res.headersSent).toBe(false);
          await serveRoute(req, res, usedRoute, { trpc: "" }, port, BASE_HEADERS);
        })();
      });
      server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
    });
  return Promise.all([start(true), start(false)]).then(([a, b]) => [a, b, reported] as const);
}

const IGNORED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

async function answer(base: string, path: string, headers: Record<string, string> = {}, method = "GET") {
  const res = await fetch(`${base}${path}`, { method, headers });
  const kept = [...res.headers].filter(([k]) => !IGNORED.has(k));
  return { status: res.status, headers: kept, setCookie: res.headers.getSetCookie(), body: await res.text() };
}

const list = (input: unknown) => `/api/trpc/notices.list?input=${encodeURIComponent(JSON.stringify(input))}`;
const batch = (paths: string[], inputs: Record<number, unknown>) => `/api/trpc/${paths.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  await seedDemo(t.db, SECRET);
  const agency = await t.db.agency.findUniqueOrThrow({ where: { code: "NTS" } });
  const caller = { agencyId: agency.id, agencyCode: "NTS", keyId: "k", kind: "live" as const };
  for (const reference of ["Q-1", "Q-2"]) {
    await submitNotice(pool, caller, { reference, template: tax.kind, recipient: { rrn: senior.rrn, name: senior.name }, fields: tax.example, certified: reference === "Q-2" }, SECRET, new Date());
  }
  const person = await t.db.person.findUniqueOrThrow({ where: { ci: rrnToCi(senior.rrn, SECRET) } });
  const staff = await t.db.staff.findUniqueOrThrow({ where: { username: DEMO_STAFF[0].username } });
  cookies.citizen = `${sessionCookieName()}=${(await createSession(t.db, { type: "citizen", id: person.id, now: new Date() })).token}`;
  cookies.staff = `${sessionCookieName()}=${(await createSession(t.db, { type: "staff", id: staff.id, now: new Date() })).token}`;
});

afterAll(async () => {
  await pool?.end();
  await t?.drop();
});

describe("tRPC queries answered from the Node request", () => {
  let fast: string;
  let adapter: string;
  let close: () => void;
  beforeAll(async () => {
    const [a, b] = await servers(createContext);
    fast = a.url;
    adapter = b.url;
    close = () => [a, b].forEach((s) => s.server.close());
  });
  afterAll(() => close());

  const same = async (path: string, headers: Record<string, string> = {}) => {
    const before = answered;
    const [mine, theirs] = [await answer(fast, path, headers), await answer(adapter, path, headers)];
    expect(mine).toEqual(theirs);
    return { ...mine, byFastPath: answered > before };
  };

  it("answers the inbox as the adapter does, in the reader's language", async () => {
    for (const locale of ["ko", "en", "th"]) {
      const res = await same(list({ filter: "all" }), { cookie: cookies.citizen, "x-moa-locale": locale });
      expect(res).toMatchObject({ status: 200, byFastPath: true });
      const items = (JSON.parse(res.body) as { result: { data: { items: unknown[] } } }).result.data.items;
      expect(items).toHaveLength(2);
    }
  });

  it("answers a batch (the browser's httpBatchLink) and a batch with one failing call (207)", async () => {
    const ok = await same(batch(["notices.list", "notices.counts", "preferences.get"], { 0: { filter: "unread" } }), { cookie: cookies.citizen });
    expect(ok).toMatchObject({ status: 200, byFastPath: true });
    expect(JSON.parse(ok.body)).toHaveLength(3);
    const mixed = await same(batch(["notices.list", "notices.envelope"], { 0: {}, 1: { id: "not-a-uuid" } }), { cookie: cookies.citizen });
    expect(mixed).toMatchObject({ status: 207, byFastPath: true });
  });

  it("refuses as the adapter does: no session 401, another role 403, bad input 400 with its fields", async () => {
    expect(await same(list({}))).toMatchObject({ status: 401, byFastPath: true });
    expect(await same(list({}), { cookie: cookies.staff })).toMatchObject({ status: 403, byFastPath: true });
    const bad = await same(list({ filter: "everything" }), { cookie: cookies.citizen });
    expect(bad).toMatchObject({ status: 400, byFastPath: true });
    expect(bad.body).toContain('"fieldErrors":[{"path":"filter"');
    expect(await same(batch(["notices.list", "notices.counts"], {}))).toMatchObject({ status: 401, byFastPath: true });
  });

  it("leaves to the adapter what it does not serve, which then answers it", async () => {
    const leftAlone: [string, Record<string, string>][] = [
      ["/api/trpc/notices.open?input=%7B%7D", { cookie: cookies.citizen }], // a mutation
      ["/api/trpc/notices.nothing", {}], // no such procedure
      ["/api/trpc/notices.list?input=%7Bnot-json", { cookie: cookies.citizen }],
      ["/api/trpc/notices.list,notices.counts?batch=1&input=%5B1%5D", { cookie: cookies.citizen }], // a batch's input not an object
      ["/api/trpc/notices.list,notices.counts", { cookie: cookies.citizen }], // two paths, no batch
      ["/api/trpc/notices%2Elist", { cookie: cookies.citizen }], // escaped
      [list({}), { cookie: cookies.citizen, "trpc-accept": "application/jsonl" }], // streaming
    ];
    for (const [path, headers] of leftAlone) {
      const res = await same(path, headers);
      expect(res.byFastPath, path).toBe(false);
      expect(res.status, path).toBeGreaterThanOrEqual(200);
    }
    const head = await answer(fast, list({}), { cookie: cookies.citizen }, "HEAD");
    expect(head.status).toBe((await answer(adapter, list({}), { cookie: cookies.citizen }, "HEAD")).status);
  });
});

describe("with a context that sets headers or fails", () => {
  it("sends the headers a context added, cookies included", async () => {
    const withHeaders: CreateContext = async (opts) => {
      opts.resHeaders.append("set-cookie", "a=1; Path=/");
      opts.resHeaders.append("set-cookie", "b=2; Path=/");
      opts.resHeaders.set("x-moa-test", "yes");
      return createContext(opts);
    };
    const [a, b] = await servers(withHeaders);
    try {
      const before = answered;
      const [mine, theirs] = [await answer(a.url, list({}), { cookie: cookies.citizen }), await answer(b.url, list({}), { cookie: cookies.citizen })];
      expect(answered).toBe(before + 1);
      expect(mine).toEqual(theirs);
      expect(mine.setCookie).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    } finally {
      [a, b].forEach((s) => s.server.close());
    }
  });

  it("answers a context that throws (the database down) with the adapter's error", async () => {
    const failing: CreateContext = async () => {
      throw new Error("connection refused");
    };
    const [a, b, reported] = await servers(failing);
    try {
      for (const path of [list({}), batch(["notices.list", "notices.counts"], {})]) {
        const before = answered;
        const [mine, theirs] = [await answer(a.url, path), await answer(b.url, path)];
        expect(answered).toBe(before + 1);
        expect(mine).toEqual(theirs);
        expect(mine.status).toBe(500);
        expect(mine.body).not.toContain("connection refused");
      }
      expect(reported.fast).toEqual(["INTERNAL_SERVER_ERROR notices.list", "INTERNAL_SERVER_ERROR notices.list", "INTERNAL_SERVER_ERROR notices.counts"]);
      expect(reported.fast).toEqual(reported.adapter);
    } finally {
      [a, b].forEach((s) => s.server.close());
    }
  });
});
