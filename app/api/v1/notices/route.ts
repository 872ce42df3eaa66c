import { getDb } from "@/server/db";
import { getPgPool } from "@/server/db/pool";
import { readEnv, requireSecret } from "@/server/env";
import { problem } from "@/server/http/problem";
import { agencyRoute } from "@/server/http/route";
import { noticeStatus } from "@/server/notices/status";
import { submitNotice } from "@/server/notices/submit";

export const dynamic = "force-dynamic";

/** Sends one notice. Idempotent on `reference`. */
export const POST = agencyRoute("notices of the key's own agency", async (req, _ctx, caller) => {
  if (!(req.headers.get("content-type") ?? "").includes("application/json")) return problem(415, "unsupported-media-type", "Send application/json");
  const body = await req.json().catch(() => undefined);
  if (body === undefined) return problem(400, "invalid-json", "The body is not valid JSON");
  const result = await submitNotice(getPgPool(), caller, body, requireSecret(readEnv(), "CI_SECRET"), new Date());
  switch (result.outcome) {
    case "invalid":
      return problem(422, "invalid-notice", "The notice is not valid", { errors: result.issues });
    case "over_daily_limit":
      return problem(429, "daily-limit", "The agency's daily notice limit is reached", {}, { "Retry-After": "3600" });
    case "conflict":
      return problem(409, "reference-reused", "This reference was already used for a different notice", { id: result.id });
    default: {
      const status = await noticeStatus(getDb(), caller.agencyId, { id: result.id });
      return Response.json(status, { status: result.outcome === "created" ? 201 : 200, headers: { Location: `/api/v1/notices/${result.id}`, "Cache-Control": "no-store" } });
    }
  }
});
