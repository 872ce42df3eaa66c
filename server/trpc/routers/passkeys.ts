import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import {
  authenticationOptions,
  listPasskeys,
  PasskeyError,
  registerPasskey,
  registrationOptions,
  relyingPartyFromEnv,
  removePasskey,
  stepUpWithPasskey,
} from "../../identity/passkeys";
import { isSteppedUp, requireStepUp, STEP_UP_WINDOW_MS } from "../../identity/step-up";
import { getRateLimits } from "../../security/rate-limit";
import { throwTooManyRequests } from "../../security/too-many";
import { citizenProcedure, router } from "../init";

/** The browser's WebAuthn answer: its shape checked here, every byte verified by SimpleWebAuthn. */
const credentialShape = z.looseObject({ id: z.string().min(1).max(1400), rawId: z.string().min(1).max(1400), type: z.literal("public-key"), response: z.looseObject({}) });
const registrationJson = z.custom<RegistrationResponseJSON>((v) => credentialShape.safeParse(v).success);
const authenticationJson = z.custom<AuthenticationResponseJSON>((v) => credentialShape.safeParse(v).success);

const refused = (e: unknown): never => {
  if (e instanceof PasskeyError) throw new TRPCError({ code: "BAD_REQUEST", message: "PASSKEY_FAILED", cause: e });
  throw e;
};

export const passkeysRouter = router({
  /** The citizen's own passkeys and whether a step-up is in force. */
  status: citizenProcedure.query(async ({ ctx }) => {
    const now = new Date();
    const steppedUpAt = ctx.principal.steppedUpAt;
    return {
      passkeys: (await listPasskeys(ctx.db, ctx.principal.id)).map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null })),
      steppedUpUntil: steppedUpAt && isSteppedUp(ctx.principal, now) ? new Date(steppedUpAt.getTime() + STEP_UP_WINDOW_MS).toISOString() : null,
    };
  }),

  /** Adding a passkey needs a recent step-up: a stolen session must not mint its own. */
  registrationOptions: citizenProcedure.mutation(async ({ ctx }) => {
    requireStepUp(ctx.principal, new Date());
    return registrationOptions(ctx.db, relyingPartyFromEnv(), ctx.principal);
  }),

  register: citizenProcedure.input(z.object({ response: registrationJson, name: z.string().trim().min(1).max(60) })).mutation(async ({ ctx, input }) => {
    requireStepUp(ctx.principal, new Date());
    const passkey = await registerPasskey(ctx.db, relyingPartyFromEnv(), ctx.principal, input.response, input.name, new Date()).catch(refused);
    return { ...passkey, createdAt: passkey.createdAt.toISOString() };
  }),

  remove: citizenProcedure.input(z.object({ id: z.string().min(1).max(1400) })).mutation(async ({ ctx, input }) => {
    requireStepUp(ctx.principal, new Date());
    if (!(await removePasskey(ctx.db, ctx.principal, input.id, new Date()))) throw new TRPCError({ code: "NOT_FOUND" });
    return { ok: true };
  }),

  stepUpOptions: citizenProcedure.mutation(async ({ ctx }) => authenticationOptions(ctx.db, relyingPartyFromEnv(), ctx.principal).catch(refused)),

  stepUp: citizenProcedure.input(z.object({ response: authenticationJson })).mutation(async ({ ctx, input }) => {
    const limited = await getRateLimits().consume("stepUp", ctx.principal.sessionId);
    if (!limited.ok) throwTooManyRequests(ctx.resHeaders, limited.retryAfterSeconds);
    await stepUpWithPasskey(ctx.db, relyingPartyFromEnv(), ctx.principal, input.response, new Date()).catch(refused);
    return { ok: true };
  }),
});
