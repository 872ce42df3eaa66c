import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import pg from "pg";
import { Validator } from "@seriousme/openapi-schema-validator";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { seedDemo, demoApiKey } from "../../prisma/seed/seed";
import { DEMO_CITIZENS } from "../../prisma/seed/data";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { newLetterNumber } from "../delivery/letter-number";
import { ingestBatch } from "./batch-ingest";
import { agencyApiDocument } from "./openapi";
import { credentialOperationIds } from "../credentials/openapi-paths";
import { batchStatusSchema, noticeStatusSchema } from "./api-schema";

/**
 * Every operation of the agency API, through the real route modules, against a real database.
 * The last test fails when the OpenAPI document gains an operation this file does not exercise.
 */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const SECRET = "c".repeat(40);
const KEY = demoApiKey("live", "NTS");
const OTHER_KEY = demoApiKey("live", "KNPA");
const tax = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!;
const [senior, , vietnamese] = DEMO_CITIZENS;
const tested = new Set<string>();

let t: TestDatabase;
let dataDir: string;
let pool: pg.Pool;
const routes: Record<string, Record<string, Handler>> = {};

const call = async (route: string, method: string, init: { key?: string; body?: BodyInit; type?: string; params?: Record<string, string> } = {}) => {
  const headers: Record<string, string> = { "x-forwarded-for": "203.0.113.9" };
  if (init.key !== undefined) headers.authorization = `Bearer ${init.key}`;
  if (init.type) headers["content-type"] = init.type;
  const req = new Request(`http://moa.test${route}`, { method, headers, body: init.body, duplex: "half" } as RequestInit);
  return routes[route.split("?")[0].replace(/\/[0-9a-f-]{36}/, "/[id]").replace(/by-reference\/[^/]+/, "by-reference/[reference]")][method](req, { params: Promise.resolve(init.params ?? {}) });
};

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "moa-api-"));
  Object.assign(process.env, { DATABASE_URL: t.url, CI_SECRET: SECRET, DATA_DIR: dataDir, TRUST_PROXY: "true" });
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  await seedDemo(t.db, SECRET);
  await runMigrations({ pgPool: pool });
  const load = async (p: string) => (await import(`../../app/api/v1/${p}/route`)) as Record<string, Handler>;
  routes["/api/v1/agency"] = await load("agency");
  routes["/api/v1/notices"] = await load("notices");
  routes["/api/v1/notices/[id]"] = await load("notices/[id]");
  routes["/api/v1/notices/[id]/returned"] = await load("notices/[id]/returned");
  routes["/api/v1/notices/by-reference/[reference]"] = await load("notices/by-reference/[reference]");
  routes["/api/v1/notice-batches"] = await load("notice-batches");
  routes["/api/v1/notice-batches/[id]"] = await load("notice-batches/[id]");
  routes["/api/v1/notice-batches/[id]/errors"] = await load("notice-batches/[id]/errors");
});
afterAll(async () => {
  await pool?.end();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const body = (reference: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ reference, template: tax.kind, recipient: { rrn: senior.rrn, name: senior.name }, fields: tax.example, ...extra });

describe("agency API", () => {
  it("getAgency: the key's own agency", async () => {
    tested.add("getAgency");
    const res = await call("/api/v1/agency", "GET", { key: KEY });
    expect((await res.json()).agency.code).toBe("NTS");
  });

  it("sendNotice: 201, then 200 for a retry, 409 for a reused reference, 422 problem+json for a bad one", async () => {
    tested.add("sendNotice");
    const created = await call("/api/v1/notices", "POST", { key: KEY, body: body("API-1"), type: "application/json" });
    expect(created.status).toBe(201);
    const status = noticeStatusSchema.parse(await created.json());
    expect(status).toMatchObject({ reference: "API-1", route: "electronic", readAt: null });
    expect((await call("/api/v1/notices", "POST", { key: KEY, body: body("API-1"), type: "application/json" })).status).toBe(200);
    const conflict = await call("/api/v1/notices", "POST", { key: KEY, body: body("API-1", { certified: true }), type: "application/json" });
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).type).toMatch(/reference-reused$/);
    const invalid = await call("/api/v1/notices", "POST", { key: KEY, body: body("API-2", { recipient: { rrn: "123", name: "X" } }), type: "application/json" });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    expect((await invalid.json()).errors).toEqual([{ column: "recipient.rrn", reason: "invalid_rrn" }]);
    expect((await call("/api/v1/notices", "POST", { body: body("API-3"), type: "application/json" })).status).toBe(401);
  });

  it("getNotice and getNoticeByReference: only the sending agency's own", async () => {
    tested.add("getNotice").add("getNoticeByReference");
    const { id } = await (await call("/api/v1/notices", "POST", { key: KEY, body: body("API-4"), type: "application/json" })).json();
    const byId = await call(`/api/v1/notices/${id}`, "GET", { key: KEY, params: { id } });
    expect(noticeStatusSchema.parse(await byId.json()).id).toBe(id);
    const byRef = await call("/api/v1/notices/by-reference/API-4", "GET", { key: KEY, params: { reference: "API-4" } });
    expect((await byRef.json()).id).toBe(id);
    expect((await call(`/api/v1/notices/${id}`, "GET", { key: OTHER_KEY, params: { id } })).status).toBe(404);
    expect((await call("/api/v1/notices/by-reference/API-4", "GET", { key: OTHER_KEY, params: { reference: "API-4" } })).status).toBe(404);
    for (const reference of ["API%2500", "%E0%A4%A", "x".repeat(101), "API-4\0"]) {
      const res = await call("/api/v1/notices/by-reference/x", "GET", { key: KEY, params: { reference } });
      expect(res.status, reference).toBe(404);
      expect((await res.json()).type).toMatch(/notice-not-found$/);
    }
  });

  it("reportReturnedLetter: marks the posted letter returned once; 409 without one, 404 for another agency's", async () => {
    tested.add("reportReturnedLetter");
    const send = async (reference: string) => (await (await call("/api/v1/notices", "POST", { key: KEY, body: body(reference), type: "application/json" })).json()).id as string;
    const [id, unsent] = [await send("API-RET-1"), await send("API-RET-2")];
    await t.db.delivery.create({ data: { noticeId: id, channel: "letter", target: "letter", status: "dispatched", letterNumber: newLetterNumber() } });
    const report = (noticeId: string, json: unknown, key = KEY) =>
      call(`/api/v1/notices/${noticeId}/returned`, "POST", { key, body: JSON.stringify(json), type: "application/json", params: { id: noticeId } });

    const first = await report(id, { reason: "moved", returnedAt: "2025-11-25T10:00:00+09:00" });
    expect(first.status).toBe(200);
    const status = noticeStatusSchema.parse(await first.json());
    expect(status.deliveries).toContainEqual(expect.objectContaining({ channel: "letter", status: "returned", error: "moved" }));
    const again = await report(id, { reason: "refused" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(status);
    expect((await (await call(`/api/v1/notices/${id}`, "GET", { key: KEY, params: { id } })).json()).deliveries).toEqual(status.deliveries);
    const events = await t.db.webhookEvent.findMany({ where: { noticeId: id, type: "notice.returned" } });
    expect(events.map((e) => (e.payload as { data: unknown }).data)).toEqual([{ noticeId: id, reference: "API-RET-1", reason: "moved", returnedAt: "2025-11-25T01:00:00.000Z" }]);

    const conflict = await report(unsent, { reason: "moved" });
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).type).toMatch(/no-letter-sent$/);
    const invalid = await report(id, { reason: "lost" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).errors).toEqual([{ column: "reason", reason: "invalid_value" }]);
    expect((await report(id, { reason: "moved" }, OTHER_KEY)).status).toBe(404);
    expect((await call(`/api/v1/notices/${id}/returned`, "POST", { body: "{}", type: "application/json", params: { id } })).status).toBe(401);
  });

  it("uploadBatch, getBatch, getBatchErrors: a CP949 CSV with bad rows; sent twice, stored once", async () => {
    tested.add("uploadBatch").add("getBatch").add("getBatchErrors");
    const header = "reference,template,recipient.rrn,recipient.name,fields.taxYear,fields.taxAmount,fields.dueDate,fields.taxOffice";
    const rows = [
      `B-1,${tax.kind},${senior.rrn},${senior.name},2025,1284000,2026-11-30,종로세무서`,
      `B-2,${tax.kind},${vietnamese.rrn},${vietnamese.name},2025,"12,000",2026-11-30,종로세무서`,
      `B-3,${tax.kind},900230-1234567,이름,2025,1000,2026-11-30,종로세무서`,
      `B-4,no-such-template,${senior.rrn},${senior.name},2025,1000,2026-11-30,종로세무서`,
      `B-5,${tax.kind},${senior.rrn},"=HYPERLINK(""http://x"",""y"")",2025,abc,2026-11-30,종로세무서`,
    ];
    const csv = iconv.encode([header, ...rows].join("\r\n"), "cp949");
    const upload = async () => {
      const res = await call("/api/v1/notice-batches", "POST", { key: KEY, body: new Uint8Array(csv), type: "text/csv" });
      expect(res.status).toBe(202);
      const { id } = await res.json();
      await ingestBatch(t.db, pool, id, { dataDir, ciSecret: SECRET, clock: () => new Date() });
      return id as string;
    };
    const id = await upload();
    const status = batchStatusSchema.parse(await (await call(`/api/v1/notice-batches/${id}`, "GET", { key: KEY, params: { id } })).json());
    expect(status).toMatchObject({ state: "done", rowsRead: 5, accepted: 2, rejected: 3, duplicates: 0 });
    const report = await (await call(`/api/v1/notice-batches/${id}/errors`, "GET", { key: KEY, params: { id } })).text();
    expect(report.replace(/^\uFEFF/, "").trim().split(/\r?\n/)).toEqual([
      "row,column,reason",
      "3,recipient.rrn,invalid_rrn_birth_date",
      "4,template,unknown_template",
      "5,fields.taxAmount,not_a_number",
      "5,recipient.name,formula",
    ]);
    expect(report).not.toContain("900230");
    const again = await upload();
    expect(await (await call(`/api/v1/notice-batches/${again}`, "GET", { key: KEY, params: { id: again } })).json()).toMatchObject({ accepted: 0, duplicates: 2, rejected: 3 });
    expect(await t.db.notice.count({ where: { reference: { startsWith: "B-" } } })).toBe(2);
    expect((await call(`/api/v1/notice-batches/${id}`, "GET", { key: OTHER_KEY, params: { id } })).status).toBe(404);
    expect((await call("/api/v1/notice-batches", "POST", { key: KEY, body: "x", type: "application/pdf" })).status).toBe(415);
  });

  it("rejects a row with a NUL character (which PostgreSQL cannot store) alone, in a batch and in one notice", async () => {
    const header = "reference,template,recipient.rrn,recipient.name,recipient.postalAddress,fields.taxYear,fields.taxAmount,fields.dueDate,fields.taxOffice";
    const rows = [
      `N-1,${tax.kind},${senior.rrn},${senior.name},서울,2025,1000,2026-11-30,종로세무서`,
      `N-2,${tax.kind},${senior.rrn},김\u0000순자,서울,2025,1000,2026-11-30,종로세무서`,
      `N-3,${tax.kind},${senior.rrn},${senior.name},서울\u0000,2025,1000,2026-11-30,종로\u0000세무서`,
      `N-4,${tax.kind},${senior.rrn},${senior.name},서울,2025,1000,2026-11-30,종로세무서`,
    ];
    const res = await call("/api/v1/notice-batches", "POST", { key: KEY, body: [header, ...rows].join("\n"), type: "text/csv" });
    const { id } = await res.json();
    await ingestBatch(t.db, pool, id, { dataDir, ciSecret: SECRET, clock: () => new Date() });
    expect(await t.db.noticeBatch.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "done", accepted: 2, rejected: 2 });
    const report = await (await call(`/api/v1/notice-batches/${id}/errors`, "GET", { key: KEY, params: { id } })).text();
    expect(report.replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1)).toEqual([
      "2,recipient.name,invalid_character",
      "3,fields.taxOffice,invalid_character",
      "3,recipient.postalAddress,invalid_character",
    ]);
    const one = await call("/api/v1/notices", "POST", {
      key: KEY,
      body: JSON.stringify({ reference: "N-5", template: tax.kind, recipient: { rrn: senior.rrn, name: "김\u0000" }, fields: { ...tax.example, taxOffice: "종로\ud800" } }),
      type: "application/json",
    });
    expect(one.status).toBe(422);
    expect((await one.json()).errors).toEqual([
      { column: "fields.taxOffice", reason: "invalid_character" },
      { column: "recipient.name", reason: "invalid_character" },
    ]);

    // In a header, where every row has it: each row is reported, the batch finishes.
    const keyed = await call("/api/v1/notice-batches", "POST", { key: KEY, body: [`${header},fields.x\u0000`, `${rows[0].replace("N-1", "N-6")},1`].join("\n"), type: "text/csv" });
    const batch = (await keyed.json()).id as string;
    await ingestBatch(t.db, pool, batch, { dataDir, ciSecret: SECRET, clock: () => new Date() });
    expect(await t.db.noticeBatch.findUniqueOrThrow({ where: { id: batch } })).toMatchObject({ state: "done", accepted: 0, rejected: 1 });
    expect(await t.db.noticeBatchError.findMany({ where: { batchId: batch }, select: { column: true, reason: true } })).toEqual([{ column: "fields.x\uFFFD", reason: "unknown" }]);
  });

  it("refuses a notice with an RRN where none belongs (a reference made of it, a name or address from shifted columns), naming only the columns", async () => {
    const digits = senior.rrn.replace("-", "");
    const one = await call("/api/v1/notices", "POST", {
      key: KEY,
      body: JSON.stringify({ reference: digits, template: tax.kind, recipient: { rrn: senior.rrn, name: senior.rrn, postalAddress: `서울 종로구 ${digits}` }, fields: tax.example }),
      type: "application/json",
    });
    expect(one.status).toBe(422);
    const text = await one.text();
    expect(text).not.toContain(digits);
    expect(JSON.parse(text).errors).toEqual([
      { column: "reference", reason: "contains_rrn" },
      { column: "recipient.name", reason: "contains_rrn" },
      { column: "recipient.postalAddress", reason: "contains_rrn" },
    ]);
    // A timestamp in a reference is no RRN, and a name with other numbers is a name.
    const fine = await call("/api/v1/notices", "POST", {
      key: KEY,
      body: JSON.stringify({ reference: `TS-${1801011234567}`, template: tax.kind, recipient: { rrn: senior.rrn, name: `${senior.name} 2세`, postalAddress: "서울 종로구 세종대로 209, 101-1203" }, fields: tax.example }),
      type: "application/json",
    });
    expect(fine.status).toBe(201);
  });

  it("resumes after a crash: chunks already committed are skipped, the rest is ingested once", async () => {
    const header = "reference,template,recipient.rrn,recipient.name,fields.taxYear,fields.taxAmount,fields.dueDate,fields.taxOffice";
    const rows = [1, 2, 3, 4].map((i) => `R-${i},${tax.kind},${senior.rrn},${senior.name},2025,${1000 + i},2026-11-30,종로세무서`);
    const res = await call("/api/v1/notice-batches", "POST", { key: KEY, body: [header, ...rows].join("\n"), type: "text/csv" });
    const { id } = await res.json();
    // As if the worker died after committing rows 1–2 (their notices rolled back here, to prove they are not re-read).
    await t.db.noticeBatchChunk.create({ data: { batchId: id, firstLine: 1, lastLine: 2 } });
    await ingestBatch(t.db, pool, id, { dataDir, ciSecret: SECRET, clock: () => new Date() });
    const refs = (await t.db.notice.findMany({ where: { batchId: id }, select: { reference: true } })).map((n) => n.reference).sort();
    expect(refs).toEqual(["R-3", "R-4"]);
    expect(await t.db.noticeBatch.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "done", accepted: 2 });
  });

  it("refuses a 2 GB upload cleanly: by its declared length at once, or when the stream passes the limit", async () => {
    const declared = await routes["/api/v1/notice-batches"].POST(
        new Request("http://moa.test/api/v1/notice-batches", {
          method: "POST",
          headers: { authorization: `Bearer ${KEY}`, "content-type": "text/csv", "content-length": String(2 * 1024 ** 3), "x-forwarded-for": "203.0.113.9" },
          body: "reference\n",
        }),
      { params: Promise.resolve({}) },
    );
    expect(declared.status).toBe(413);

    // No declared length: 2 GB produced lazily, refused after the limit (1 MiB here) without reading the rest.
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 2 * 1024 ** 3) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const agency = await t.db.agency.findUniqueOrThrow({ where: { code: "NTS" } });
    const { receiveBatch } = await import("./batches");
    const result = await receiveBatch(t.db, pool, { agencyId: agency.id, agencyCode: "NTS", keyId: "k", kind: "live" }, { body: endless, format: "csv", encoding: null }, dataDir, 1024 ** 2);
    expect(result).toEqual({ ok: false, reason: "too_large" });
    expect(pulled).toBeLessThan(4 * 1024 ** 2);
    const failed = await t.db.noticeBatch.findFirstOrThrow({ where: { failure: "too_large" } });
    expect(failed.state).toBe("failed");
    expect(readdirSync(path.join(dataDir, "batches")).filter((f) => f.startsWith(failed.id))).toEqual([]);
  });

  it("the OpenAPI document is valid OpenAPI 3.1, and every operation in it is tested above", async () => {
    const doc = agencyApiDocument();
    const result = await new Validator().validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.values(doc.paths ?? {}).flatMap((item) => Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId));
    // The public certificate checks are tested in server/credentials/verify-http.test.ts.
    expect(operations.filter((op) => !credentialOperationIds.includes(op!)).sort()).toEqual([...tested].sort());
  });
});
