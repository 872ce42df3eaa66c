import { TRPCError } from "@trpc/server";
import { isLocale } from "@/locales/config";
import { getDb } from "@/server/db";
import { printCopy } from "@/server/credentials/print";
import { publicUrl } from "@/server/credentials/wallet-deps";
import { auditActor } from "@/server/assist/subject";
import { jsonError, subjectRoute } from "@/server/http/route";
import { isSteppedUp } from "@/server/identity/step-up";

export const dynamic = "force-dynamic";

/** The printed copy of the citizen's own certificate: a PDF in `?locale=`, else their own language; each print makes its own QR share. */
export const GET = subjectRoute("credential:issue", "the certificates of the citizen, or of whom the session acts for", async (req, { params }: { params: Promise<{ id: string }> }, subject) => {
  const { id } = await params;
  // The QR code is a share: like any share, it needs a recent step-up (the page asks through credentials.preparePrint).
  if (!isSteppedUp(subject, new Date())) return jsonError(403, "step_up_required");
  const db = getDb();
  const requested = new URL(req.url).searchParams.get("locale");
  const person = isLocale(requested) ? null : await db.person.findUnique({ where: { id: subject.id }, select: { locale: true } });
  const locale = isLocale(requested) ? requested : isLocale(person?.locale) ? person.locale : "ko";
  try {
    const copy = await printCopy(db, publicUrl(), subject.id, id, locale, new Date(), auditActor(subject));
    if (!copy) return jsonError(404, "not_found");
    return new Response(new Uint8Array(copy.pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="certificate-${copy.authenticityNumber}.pdf"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && error.message === "CREDENTIAL_NOT_SHAREABLE") return jsonError(409, "not_shareable");
    throw error;
  }
});
