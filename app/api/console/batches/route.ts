import { appendAudit } from "@/server/audit/chain";
import { getDb } from "@/server/db";
import { getPgPool } from "@/server/db/pool";
import { readEnv } from "@/server/env";
import { jsonError, sessionRoute } from "@/server/http/route";
import { DEFAULT_BATCH_LIMITS, parseContentType } from "@/server/notices/batch-reader";
import { receiveBatch } from "@/server/notices/batches";

export const dynamic = "force-dynamic";

/**
 * The console's upload: the same spool and queue as the agency API, for an operator with the
 * "send" permission, as live notices of their own agency. Answered at once with the batch id.
 */
export const POST = sessionRoute("operator", "batches of the operator's own agency", async (req, _ctx, principal) => {
  const db = getDb();
  const operator = await db.agencyOperator.findUnique({ where: { id: principal.id }, include: { agency: true } });
  if (!operator?.permissions.includes("send")) return jsonError(403, "forbidden");
  const type = parseContentType(req.headers.get("content-type"));
  if (!type.ok) return jsonError(415, type.code);
  if (!req.body) return jsonError(400, "empty_batch");
  if (Number(req.headers.get("content-length") ?? "0") > DEFAULT_BATCH_LIMITS.maxBytes) return jsonError(413, "too_large");
  const caller = { agencyId: operator.agencyId, agencyCode: operator.agency.code, keyId: `console:${operator.id}`, kind: "live" as const };
  const result = await receiveBatch(db, getPgPool(), caller, { body: req.body, format: type.format, encoding: type.encoding }, readEnv().DATA_DIR);
  if (!result.ok) return jsonError(413, "too_large");
  await appendAudit(db, {
    actorType: "operator",
    actorId: operator.id,
    action: "batch.uploaded",
    targetType: "batch",
    targetId: result.id,
    detail: { agency: operator.agency.code, format: type.format, encoding: type.encoding },
  });
  return Response.json({ id: result.id }, { status: 202, headers: { "Cache-Control": "no-store" } });
}, { maxBodyBytes: Infinity }); // streamed to the spool with its own limit (1 GiB), never read whole
