import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS, createShare, listShares, revokeShare, shareAudience } from "../../credentials/share";
import { CREDENTIAL_TYPES } from "../../credentials/types";
import { availableTypes, forgetCredential, getWalletCredential, issueToWallet, listWallet, walletError } from "../../credentials/wallet";
import { issueDeps, publicUrl, sourceRegistry } from "../../credentials/wallet-deps";
import { requireStepUp } from "../../identity/step-up";
import { citizenProcedure, router } from "../init";

const id = z.object({ id: z.uuid() });
const recipient = z.discriminatedUnion("kind", [z.object({ kind: z.literal("anyone") }), z.object({ kind: z.literal("institution"), name: z.string().trim().min(1).max(100) })]);
const notFound = () => new TRPCError({ code: "NOT_FOUND" });

/** The citizen's own certificates and their share links: every procedure reads and writes only `ctx.principal`'s. */
export const credentialsRouter = router({
  list: citizenProcedure.query(({ ctx }) => listWallet(ctx.db, ctx.principal.id)),

  get: citizenProcedure.input(id).query(async ({ ctx, input }) => {
    const credential = await getWalletCredential(ctx.db, ctx.principal.id, input.id);
    if (!credential) throw notFound();
    // The audience a device signs for a link anyone may open.
    return { ...credential, linkAudience: shareAudience(publicUrl(), { kind: "anyone" }) };
  }),

  /** Which certificates the person's source records allow (a foreign resident has no resident register entry). */
  available: citizenProcedure.query(({ ctx }) => availableTypes(ctx.db, sourceRegistry(), ctx.principal.id)),

  /** Issues a certificate bound to the device key `holderJwk`; needs a recent step-up. */
  issue: citizenProcedure
    .input(z.object({ type: z.enum(CREDENTIAL_TYPES), holderJwk: z.record(z.string(), z.unknown()) }))
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      requireStepUp(ctx.principal, now);
      return issueToWallet(ctx.db, await issueDeps(), ctx.principal.id, input, now);
    }),

  /**
   * Before a printed copy (its QR code is a 90-day share): a recent step-up, and a certificate that
   * can be shared. Answers the PDF's address, which checks the step-up again.
   */
  preparePrint: citizenProcedure.input(id).mutation(async ({ ctx, input }) => {
    requireStepUp(ctx.principal, new Date());
    const credential = await getWalletCredential(ctx.db, ctx.principal.id, input.id);
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
    create: citizenProcedure
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
        requireStepUp(ctx.principal, now);
        const base = publicUrl();
        const share = await createShare(ctx.db, base, ctx.principal.id, input, now);
        return { id: share.id, expiresAt: share.expiresAt, url: `${base}/${ctx.locale}/s/${share.token}` };
      }),

    list: citizenProcedure.input(z.object({ credentialId: z.uuid() })).query(async ({ ctx, input }) => {
      const shares = await listShares(ctx.db, ctx.principal.id, input.credentialId, new Date());
      if (!shares) throw notFound();
      return shares;
    }),

    revoke: citizenProcedure.input(id).mutation(async ({ ctx, input }) => {
      if (!(await revokeShare(ctx.db, ctx.principal.id, input.id, new Date()))) throw notFound();
      return { ok: true };
    }),
  }),
});
