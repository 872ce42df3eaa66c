import { z } from "zod";
import { createDocument } from "zod-openapi";
import { credentialVerifyPaths } from "../credentials/openapi-paths";
import { returnedLetterSchema } from "../delivery/returned";
import { agencySchema, batchAcceptedSchema, batchStatusSchema, noticeStatusSchema, problemSchema } from "./api-schema";
import { noticeInputSchema } from "./input";

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });
const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), problemResponse(PROBLEM_TEXT[c])]));
const PROBLEM_TEXT: Record<number, string> = {
  400: "Malformed request",
  401: "Missing, unknown or revoked API key",
  404: "Not found among your agency's objects",
  409: "The reference was used for a different notice",
  413: "Request body too large: 1 MiB for a notice or a report, 1 GiB for a batch",
  415: "Unsupported media type or charset",
  422: "The notice is not valid; `errors` names each column and reason",
  429: "Rate or daily limit reached; see Retry-After",
};
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const id = z.object({ id: z.uuid() });

/** The agency API, described from the same zod schemas the handlers validate with. */
export function agencyApiDocument() {
  return createDocument({
    openapi: "3.1.0",
    info: { title: "Moa agency API", version: "1.0.0", description: "Send notices to residents by RRN or CI; follow delivery and read receipts." },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "moa_live_… or moa_test_… key from the agency console" } } },
    paths: {
      "/api/v1/agency": {
        get: { operationId: "getAgency", summary: "The agency this key speaks for", responses: { "200": json(agencySchema, "The agency"), ...problems(401, 429) } },
      },
      "/api/v1/notices": {
        post: {
          operationId: "sendNotice",
          summary: "Send one notice (idempotent on `reference`)",
          requestBody: { content: { "application/json": { schema: noticeInputSchema } } },
          responses: {
            "201": json(noticeStatusSchema, "Accepted"),
            "200": json(noticeStatusSchema, "The same notice was already accepted"),
            ...problems(400, 401, 409, 413, 415, 422, 429),
          },
        },
      },
      "/api/v1/notices/{id}": {
        get: { operationId: "getNotice", summary: "A notice's delivery and read receipt", requestParams: { path: id }, responses: { "200": json(noticeStatusSchema, "The notice"), ...problems(401, 404, 429) } },
      },
      "/api/v1/notices/{id}/returned": {
        post: {
          operationId: "reportReturnedLetter",
          summary: "Report that the post returned the notice's letter (idempotent)",
          requestParams: { path: id },
          requestBody: { content: { "application/json": { schema: returnedLetterSchema } } },
          responses: {
            "200": json(noticeStatusSchema, "The notice, its letter `returned`; a repeated report changes nothing and answers the same"),
            ...problems(400, 401, 404, 413),
            "409": problemResponse("The notice has no letter with the post (sent, printed or dispatched)"),
            ...problems(429),
          },
        },
      },
      "/api/v1/notices/by-reference/{reference}": {
        get: {
          operationId: "getNoticeByReference",
          summary: "The same, by your reference",
          requestParams: { path: z.object({ reference: z.string() }) },
          responses: { "200": json(noticeStatusSchema, "The notice"), ...problems(401, 404, 429) },
        },
      },
      "/api/v1/notice-batches": {
        post: {
          operationId: "uploadBatch",
          summary: "Upload up to 1,000,000 notices as CSV or JSON Lines (UTF-8 or EUC-KR/CP949)",
          requestBody: {
            content: {
              "text/csv": { schema: z.string().meta({ description: "Header row of dotted columns: reference, template, recipient.rrn, recipient.name, fields.<name>, payment.amount …" }) },
              "application/x-ndjson": { schema: z.string().meta({ description: "One NoticeInput object per line" }) },
            },
          },
          responses: { "202": json(batchAcceptedSchema, "Received; ingested in the background"), ...problems(400, 401, 413, 415, 429) },
        },
      },
      "/api/v1/notice-batches/{id}": {
        get: { operationId: "getBatch", summary: "A batch's progress", requestParams: { path: id }, responses: { "200": json(batchStatusSchema, "The batch"), ...problems(401, 404, 429) } },
      },
      "/api/v1/notice-batches/{id}/errors": {
        get: {
          operationId: "getBatchErrors",
          summary: "Rejected rows as CSV: row, column, reason",
          requestParams: { path: id },
          responses: { "200": { description: "CSV, UTF-8 with BOM", content: { "text/csv": { schema: z.string() } } }, ...problems(401, 404, 429) },
        },
      },
      ...credentialVerifyPaths,
    },
  });
}
