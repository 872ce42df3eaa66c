import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS, createShare, listShares, revokeShare, shareAudience } from "../../credentials/share";
import { CREDENTIAL_TYPES } from "../../credentials/types";
import { availableTypes, forgetCredential, getWalletCredential, issueToWallet, listWallet, walletError } from "../../credentials/wallet";
import { issueDeps, publicUrl, sourceRegistry } from "../../credentials/wallet-deps";
import { requireStepUp } from "../../identity/step-up";
import { auditActor } from "../../assist/subject";
import { citizenProcedure, router, subjectProcedure } from "../init";

/** The wallet of the citizen, or of whom staff or a helper act for, within the grant's scopes. */
const issuer = subjectProcedure("credential:issue");
const sharer = subjectProcedure("credential:share");

const id = z.object({ id: z.uuid() });
const recipient = z.discriminatedUnion("kind", [z.object({ kind: z.literal("anyone") }), z.object({ kind: z.literal("institution"), name: z.string().trim().min(1).max(100) })]);
const notFound = () => new TRPCError({ code: "NOT_FOUND" });

/** Certificates and their share links: every procedure reads and writes only `ctx.subject`'s (forget: only one's own). */
export const credentialsRouter = router({
  list: issuer.query(({ ctx }) => listWallet(ctx.db, ctx.subject.id)),

  get: issuer.input(id).query(async ({ ctx, input }) => {
    const credential = await getWalletCredential(ctx.db, ctx.subject.id, input.id);
    if (!credential) throw notFound();
    // The audience a device signs for a link anyone may open.
    return { ...credential, linkAudience: shareAudience(publicUrl(), { kind: "anyone" }) };
  }),

  /** Which certificates the person's source records allow (a foreign resident has no resident register entry). */
  available: issuer.query(({ ctx }) => availableTypes(ctx.db, sourceRegistry(), ctx.subject.id)),

  /** Issues a certificate bound to the device key `holderJwk`; needs a recent step-up. */
  issue: issuer
    .input(z.object({ type: z.enum(CREDENTIAL_TYPES), holderJwk: z.record(z.string(), z.unknown()) }))
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      requireStepUp(ctx.subject, now);
      return issueToWallet(ctx.db, await issueDeps(), ctx.subject.id, input, now, auditActor(ctx.subject));
    }),

  /**
   * Before a printed copy (its QR code is a 90-day share): a recent step-up, and a certificate that
   * can be shared. Answers the PDF's address, which checks the step-up again.
   */
  preparePrint: issuer.input(id).mutation(async ({ ctx, input }) => {
    requireStepUp(ctx.subject, new Date());
    const credential = await getWalletCredential(ctx.db, ctx.subject.id, input.id);
    if (!credential) throw notFound();
    if (credential.state !== "valid") throw walletError("BAD_REQUEST", "CREDENTIAL_NOT_SHAREABLE");
    return { url: `/api/credentials/${input.id}/pdf?locale=${ctx.locale}` };
  }),

  /** Removes a certificate from the wallet (its links stop working); it stays logged. */
  forget: citizenProcedure.input(id).mutation(async ({ ctx, input }) => {
    if (!(await forgetCredential(ctx.db, ctx.principal.id, input.id, new Date()))) throw notFound();
    return { ok: true };
  }),

  shares: router({
    /** Stores a presentation made on the device as a link; needs a recent step-up. The token is returned once. */
    create: sharer
      .input(
        z.object({
          id: z.uuid(),
          credentialId: z.uuid(),
          presentation: z.string().min(10).max(50_000),
          recipient,
          expiresInDays: z.number().int().min(1).max(MAX_SHARE_DAYS).default(DEFAULT_SHARE_DAYS),
          maxViews: z.number().int().min(1).max(1000).nullable().default(null),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const now = new Date();
        requireStepUp(ctx.subject, now);
        const base = publicUrl();
        const share = await createShare(ctx.db, base, ctx.subject.id, input, now, auditActor(ctx.subject));
        return { id: share.id, expiresAt: share.expiresAt, url: `${base}/${ctx.locale}/s/${share.token}` };
      }),

    list: sharer.input(z.object({ credentialId: z.uuid() })).query(async ({ ctx, input }) => {
      const shares = await listShares(ctx.db, ctx.subject.id, input.credentialId, new Date());
      if (!shares) throw notFound();
      return shares;
    }),

    revoke: sharer.input(id).mutation(async ({ ctx, input }) => {
      if (!(await revokeShare(ctx.db, ctx.subject.id, input.id, new Date(), auditActor(ctx.subject)))) throw notFound();
      return { ok: true };
    }),
  }),
});
