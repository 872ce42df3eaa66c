import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Context, Role } from "./context";
import { STEP_UP_REQUIRED } from "../identity/step-up";
import { PAYMENT_ERROR_KEYS } from "../payments/errors";
import { WALLET_ERROR_KEYS } from "../credentials/wallet";
import { GRANT_ENDED, NOT_IN_SCOPE, resolveSubject } from "../assist/subject";
import { ASSIST_ERROR_KEYS } from "../assist/errors";
import type { Scope } from "../assist/scopes";
import { storableValue } from "../db/storable-text";

/**
 * Every procedure declares who may call it (role) and whose objects it may touch (ownership);
 * server/trpc/rules.test.ts fails when one does not.
 */
export interface AccessRule {
  role: Role;
  /** How the procedure limits itself to the caller's own objects: "none" for public data. */
  ownership: string;
}
export interface Meta {
  rule?: AccessRule;
}

/** Messages the client knows beyond the tRPC codes. */
const OWN_KEYS = new Set<string>([STEP_UP_REQUIRED, "PASSKEY_FAILED", GRANT_ENDED, NOT_IN_SCOPE, ...PAYMENT_ERROR_KEYS, ...ASSIST_ERROR_KEYS, ...WALLET_ERROR_KEYS]);

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      return {
        ...shape,
        // A fault of ours says no more: its message may carry SQL or a driver's detail (logged instead).
        message: error.code === "INTERNAL_SERVER_ERROR" ? "Internal server error" : shape.message,
        data: {
          ...shape.data,
          // The client shows `errors.<messageKey>` in the reader's language.
          messageKey: OWN_KEYS.has(error.message) ? error.message : error.code,
          fieldErrors: error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join("."), code: i.code })) : undefined,
          stack: undefined,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Text PostgreSQL cannot store (a NUL, a lone surrogate) is refused as input, not met as a 500
 * later. Every builder's first middleware calls this: one middleware level more would cost each
 * call another round of tRPC's context copies.
 */
async function refuseUnstorable(getRawInput: () => Promise<unknown>): Promise<void> {
  if (!storableValue(await getRawInput())) throw new TRPCError({ code: "BAD_REQUEST" });
}

const requireRole = (role: Exclude<Role, "public" | "subject">) =>
  t.middleware(async ({ ctx, next, getRawInput }) => {
    await refuseUnstorable(getRawInput);
    const p = ctx.principal;
    const allowed = role === "signed-in" || p?.type === role;
    if (!p) throw new TRPCError({ code: "UNAUTHORIZED" });
    if (!allowed) throw new TRPCError({ code: "FORBIDDEN" });
    return next({ ctx: { principal: p } }); // tRPC merges it into ctx
  });

export const publicProcedure = t.procedure.meta({ rule: { role: "public", ownership: "none" } }).use(async ({ next, getRawInput }) => {
  await refuseUnstorable(getRawInput);
  return next();
});
export const signedInProcedure = t.procedure.meta({ rule: { role: "signed-in", ownership: "own-session" } }).use(requireRole("signed-in"));
export const citizenProcedure = t.procedure.meta({ rule: { role: "citizen", ownership: "own" } }).use(requireRole("citizen"));
/**
 * Acts on a citizen's account: their own, or someone's they help — staff at the counter or a proxy —
 * when the session's grant is active and holds `scope`, checked again on every request.
 */
export const subjectProcedure = (scope: Scope) =>
  t.procedure.meta({ rule: { role: "subject", ownership: `own or grant:${scope}` } }).use(async ({ ctx, next, getRawInput }) => {
    await refuseUnstorable(getRawInput);
    if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED" });
    const subject = await resolveSubject(ctx.db, ctx.principal, scope, new Date());
    return next({ ctx: { principal: ctx.principal, subject } });
  });
export const staffProcedure = t.procedure.meta({ rule: { role: "staff", ownership: "assist-session" } }).use(requireRole("staff"));
export const operatorProcedure = t.procedure.meta({ rule: { role: "operator", ownership: "own-agency" } }).use(requireRole("operator"));
