import { z } from "zod";
import { CREDENTIAL_TYPES } from "./types";

/**
 * Request and response of GET/POST /api/v1/credentials/verify: the route validates with these and
 * the OpenAPI document is generated from them. No node: imports: the verify page uses the types.
 */
const PRESENTATION_MAX = 32_768;

export const verifyRequestSchema = z
  .object({
    presentation: z
      .string()
      .min(1)
      .max(PRESENTATION_MAX)
      .optional()
      .meta({ description: "An SD-JWT VC presentation: `<issuer JWT>~<disclosure>~…~[<key binding JWT>]`." }),
    number: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: "A certificate's 16-digit authenticity number; spaces and hyphens allowed. Answers without any of the certificate's claims." }),
    aud: z.string().min(1).max(512).optional().meta({ description: "With `nonce`: the audience the holder's key binding JWT must name; otherwise the holder is not checked." }),
    nonce: z.string().min(1).max(512).optional().meta({ description: "With `aud`: the nonce the holder's key binding JWT must carry." }),
  })
  .refine((r) => (r.presentation === undefined) !== (r.number === undefined), { message: "Give exactly one of presentation and number" })
  .refine((r) => (r.aud === undefined) === (r.nonce === undefined), { message: "Give aud and nonce together" })
  .meta({ id: "VerifyRequest" });

const outcome = z.enum(["ok", "failed", "unknown"]).meta({ description: "`unknown`: could not be checked (e.g. the status list or the log out of reach), never a failure." });
const check = z.object({ result: outcome, reason: z.string().optional().meta({ description: "Why it failed or could not be checked, e.g. `revoked`, `status-unreachable`." }) });

export const verificationSchema = z
  .object({
    ok: z.boolean().meta({ description: "Every check is `ok`." }),
    checks: z.object({
      issuer: check.meta({ description: "The issuer is one Moa recognises and signed with one of its published keys." }),
      unaltered: check
        .extend({
          logIndex: z.int().optional().meta({ description: "The certificate's entry in the transparency log." }),
          treeSize: z.int().optional().meta({ description: "The size of the signed checkpoint the inclusion was proved against." }),
          loggedAt: z.iso.datetime().optional().meta({ description: "When the entry was appended (the time of the transaction that issued the certificate)." }),
        })
        .meta({ description: "Signature and disclosures intact, and the certificate is in the log." }),
      notRevoked: check.meta({ description: "Neither revoked nor suspended as of now, per the issuer's status list." }),
      holder: check.meta({ description: "The holder's device signed this presentation for `aud` and `nonce`; `unknown` (`not-requested`) without them." }),
    }),
    type: z.enum(CREDENTIAL_TYPES).nullable(),
    iss: z.string().nullable(),
    issuer: z.string().nullable().meta({ description: "The recognised issuer's code (MOIS, SCOURT, NHIS, NTS), null when not recognised." }),
    issuedAt: z.iso.datetime().nullable(),
    claims: z.record(z.string(), z.unknown()).nullable().meta({ description: "The disclosed claims; null when the disclosures are unsound or when checked by authenticity number." }),
    authenticityNumber: z.string().optional(),
  })
  .meta({ id: "CredentialVerification" });

export type VerifyRequest = z.infer<typeof verifyRequestSchema>;
export type VerificationJson = z.infer<typeof verificationSchema>;

export const leafQuerySchema = z.object({ hash: z.string().meta({ description: "Standard base64 of SHA-256 over the issuer-signed JWT (the part before the first `~`)." }) });
export const leafSchema = z.object({ index: z.int(), loggedAt: z.iso.datetime() }).meta({ id: "LogLeaf" });
