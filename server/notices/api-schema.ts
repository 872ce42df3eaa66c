import { z } from "zod";

/** Response bodies of the agency API: the handlers' return types and the OpenAPI document share these. */
export const noticeStatusSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    template: z.string(),
    templateVersion: z.int(),
    certified: z.boolean(),
    testMode: z.boolean().meta({ description: "Sent with a test key: sandboxes only." }),
    route: z.enum(["electronic", "postal"]).meta({ description: "`electronic`: the resident has consented; `postal`: a letter will be sent." }),
    originalSha256: z.string().meta({ description: "SHA-256 of the Korean original as rendered when accepted." }),
    acceptedAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
    readAt: z.iso.datetime().nullable().meta({ description: "The read receipt: when the resident first opened it." }),
    readMethod: z.string().nullable(),
    deliveries: z.array(
      z.object({
        channel: z.string(),
        status: z.string().meta({ description: "A letter is queued, sent, printed, dispatched, returned (`error` says why) or permanent-failure." }),
        at: z.iso.datetime(),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "NoticeStatus" });

export const batchStatusSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(["receiving", "queued", "processing", "done", "failed"]),
    testMode: z.boolean(),
    format: z.enum(["csv", "jsonl"]),
    bytes: z.int(),
    rowsRead: z.int(),
    accepted: z.int(),
    duplicates: z.int().meta({ description: "Rows whose reference was already accepted with the same content: not stored again." }),
    rejected: z.int(),
    failure: z.string().nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "BatchStatus" });

export const batchAcceptedSchema = z
  .object({ id: z.uuid(), state: z.literal("queued"), links: z.object({ self: z.string(), errors: z.string() }) })
  .meta({ id: "BatchAccepted" });

export const problemSchema = z
  .object({
    type: z.url(),
    title: z.string(),
    status: z.int(),
    errors: z.array(z.object({ column: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details; branch on `type`." });

export const agencySchema = z.object({ agency: z.object({ code: z.string(), name: z.record(z.string(), z.string()) }), key: z.object({ kind: z.enum(["test", "live"]) }) }).meta({ id: "Agency" });
