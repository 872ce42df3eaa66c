import { randomUUID } from "node:crypto";
import type { Locale } from "../../locales/config";
import type { Db } from "../db";
import { visibleClaims } from "./claim-rows";
import { printedCopyPdf } from "./print-pdf";
import { createPrintShare } from "./share";
import { getWalletCredential } from "./wallet";
import { selfActor } from "../audit/chain";

/**
 * A printed copy of the holder's certificate: a share made for the paper (every claim but the
 * RRN's back digits, 90 days, recipient whoever holds it) and the PDF whose QR code opens it.
 * Null when the person has no such certificate; throws CREDENTIAL_NOT_SHAREABLE when it is revoked or suspended.
 */
export async function printCopy(db: Db, publicUrl: string, personId: string, id: string, locale: Locale, now: Date, actor = selfActor(personId)): Promise<{ pdf: Uint8Array; authenticityNumber: string } | null> {
  const credential = await getWalletCredential(db, personId, id);
  if (!credential) return null;
  const share = await createPrintShare(db, personId, id, randomUUID(), now, actor);
  const paths = credential.disclosures.map((d) => d.path);
  const pdf = await printedCopyPdf(
    {
      type: credential.type,
      issuer: credential.issuer,
      issuedAt: credential.issuedAt,
      authenticityNumber: credential.authenticityNumber,
      claims: visibleClaims(credential.claims, paths, paths.filter((p) => p !== "rrnBack")),
      shareUrl: `${publicUrl}/${locale}/s/${share.token}`,
      shareExpiresAt: share.expiresAt,
      verifyUrl: `${publicUrl}/verify`,
    },
    locale,
  );
  return { pdf, authenticityNumber: credential.authenticityNumber };
}
