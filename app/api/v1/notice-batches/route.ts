import { getDb } from "@/server/db";
import { getPgPool } from "@/server/db/pool";
import { readEnv } from "@/server/env";
import { problem } from "@/server/http/problem";
import { agencyRoute } from "@/server/http/route";
import { DEFAULT_BATCH_LIMITS, parseContentType } from "@/server/notices/batch-reader";
import { receiveBatch } from "@/server/notices/batches";

export const dynamic = "force-dynamic";

/** Uploads a batch (CSV or JSON Lines, UTF-8 or CP949): answered at once with its id, ingested in the background. */
export const POST = agencyRoute("batches of the key's own agency", async (req, _ctx, caller) => {
  const type = parseContentType(req.headers.get("content-type"));
  if (!type.ok) return problem(415, type.code.replace(/_/g, "-"), "Send text/csv or application/x-ndjson, in UTF-8 or EUC-KR/CP949");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > DEFAULT_BATCH_LIMITS.maxBytes || !req.body) {
    return problem(req.body ? 413 : 400, req.body ? "batch-too-large" : "empty-batch", req.body ? "A batch may be at most 1 GiB" : "The batch is empty", { maxBytes: DEFAULT_BATCH_LIMITS.maxBytes });
  }
  const result = await receiveBatch(getDb(), getPgPool(), caller, { body: req.body, format: type.format, encoding: type.encoding }, readEnv().DATA_DIR);
  if (!result.ok) return problem(413, "batch-too-large", "A batch may be at most 1 GiB", { maxBytes: DEFAULT_BATCH_LIMITS.maxBytes });
  return Response.json(
    { id: result.id, state: "queued", links: { self: `/api/v1/notice-batches/${result.id}`, errors: `/api/v1/notice-batches/${result.id}/errors` } },
    { status: 202, headers: { Location: `/api/v1/notice-batches/${result.id}`, "Cache-Control": "no-store" } },
  );
}, { maxBodyBytes: Infinity }); // streamed to the spool with its own limit (1 GiB), never read whole
