import { isLocale } from "@/locales/config";
import { appendAudit } from "@/server/audit/chain";
import { getDb } from "@/server/db";
import { readEnv } from "@/server/env";
import { jsonError, sessionRoute } from "@/server/http/route";
import { CERTIFICATE_TITLES, deliveryCertificatePdf, deliveryFacts, signDeliveryStatement } from "@/server/notices/certificate";

export const dynamic = "force-dynamic";

/**
 * The delivery certificate of the citizen's own, opened notice: a PDF in their language with the
 * Korean legal text and the signed statement (`?format=jws` gives the statement alone).
 */
export const GET = sessionRoute("citizen", "the citizen's own opened notices", async (req, { params }: { params: Promise<{ id: string }> }, principal) => {
  const { id } = await params;
  const url = new URL(req.url);
  const requested = url.searchParams.get("locale");
  const locale = isLocale(requested) ? requested : "ko";
  const db = getDb();
  const facts = await deliveryFacts(db, principal.id, id);
  if (!facts) return jsonError(404, "not_found");
  const now = new Date();
  const jws = await signDeliveryStatement(facts, now);
  await appendAudit(db, { actorType: "citizen", actorId: principal.id, onBehalfOf: principal.id, action: "delivery-certificate.issued", targetType: "notice", targetId: id }, now);
  if (url.searchParams.get("format") === "jws") return Response.json({ jws }, { headers: { "Cache-Control": "no-store" } });
  const publicUrl = readEnv().PUBLIC_URL ?? url.origin;
  const pdf = await deliveryCertificatePdf(facts, jws, locale, publicUrl);
  const name = `${CERTIFICATE_TITLES[locale]}-${facts.reference}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="delivery-certificate-${facts.reference.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
});
