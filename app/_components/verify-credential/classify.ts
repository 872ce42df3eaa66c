import { parseLetterNumber } from "@/server/delivery/letter-number";

/** What was pasted or scanned: a share link, an authenticity number, a presentation, or nothing we know. */
export type Input = { kind: "share"; token: string } | { kind: "number"; number: string } | { kind: "presentation"; presentation: string } | { kind: "unknown" };

const SHARE = /\/s\/([A-Za-z0-9_-]{43})(?:[/?#]|$)/;
// An SD-JWT: a JWS (three base64url parts) and "~"-separated disclosures and key binding JWT.
const SD_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+~[A-Za-z0-9_.~-]*$/;

export function classify(text: string): Input {
  const trimmed = text.trim();
  const share = SHARE.exec(trimmed);
  if (share) return { kind: "share", token: share[1] };
  // A verify address (a printed copy's QR may carry one): its number or presentation.
  try {
    const url = new URL(trimmed);
    const number = url.searchParams.get("number");
    const presentation = url.searchParams.get("presentation");
    if (number && parseLetterNumber(number)) return { kind: "number", number: parseLetterNumber(number)! };
    if (presentation) return classify(presentation);
    return { kind: "unknown" };
  } catch {
    // not a URL
  }
  const number = parseLetterNumber(trimmed);
  if (number) return { kind: "number", number };
  const compact = trimmed.replace(/\s+/g, "");
  return SD_JWT.test(compact) ? { kind: "presentation", presentation: compact } : { kind: "unknown" };
}
