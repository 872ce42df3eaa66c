import { isLocale } from "@/locales/config";
import { getDb } from "@/server/db";
import { jsonError, sessionRoute } from "@/server/http/route";
import { receiptFacts } from "@/server/payments/receipt";
import { receiptPdf } from "@/server/payments/receipt-pdf";

export const dynamic = "force-dynamic";

/** The receipt (전자영수증) of the citizen's own paid payment: a PDF in `?locale=`, else their own language. */
export const GET = sessionRoute("citizen", "the citizen's own payments", async (req, { params }: { params: Promise<{ id: string }> }, principal) => {
  const { id } = await params;
  const db = getDb();
  const facts = await receiptFacts(db, principal.id, id);
  if (!facts) return jsonError(404, "not_found");
  const requested = new URL(req.url).searchParams.get("locale");
  const person = isLocale(requested) ? null : await db.person.findUnique({ where: { id: principal.id }, select: { locale: true } });
  const locale = isLocale(requested) ? requested : isLocale(person?.locale) ? person.locale : "ko";
  const pdf = await receiptPdf(facts, locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="receipt-${facts.paymentId}.pdf"; filename*=UTF-8''${encodeURIComponent(`영수증-${facts.paymentId}.pdf`)}`,
      "Cache-Control": "no-store",
    },
  });
});
