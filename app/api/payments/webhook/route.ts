import { getDb } from "@/server/db";
import { jsonError, publicRoute } from "@/server/http/route";
import { logger } from "@/server/logger";
import { requestPaymentDeps } from "@/server/payments/config";
import { receivePaymentWebhook } from "@/server/payments/webhook";

export const dynamic = "force-dynamic";

const MAX_BODY = 64 * 1024;

/**
 * The payment gateway's webhooks (Toss: unsigned). Nothing in the body is trusted: the payment is
 * fetched from the gateway again. 200 once handled or a repeat; 503 when the gateway cannot be
 * asked, so it sends the webhook again later.
 */
export const POST = publicRoute(
  "none: the body only names a payment, which is fetched from the gateway",
  async (req) => {
    const body = await req.text();
    if (body.length > MAX_BODY) return jsonError(413, "too_large");
    try {
      const outcome = await receivePaymentWebhook(
        requestPaymentDeps(getDb()),
        { transmissionId: req.headers.get("tosspayments-webhook-transmission-id"), body },
        new Date(),
      );
      if (outcome === "invalid") return jsonError(400, "invalid_body");
      return Response.json({ outcome }, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "payment webhook not handled; the gateway will retry");
      return jsonError(503, "gateway_unavailable");
    }
  },
  { serverToServer: true },
);
