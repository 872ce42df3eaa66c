import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { LOCALES } from "../../../locales/config";
import { ACCESS_ACTORS, ACCESS_PERIODS, accessLog, CURSOR } from "../../audit/access-log";
import { completeOnboarding, hasElectronicConsent, setElectronicConsent } from "../../identity/citizens";
import { encodePreferences, PREFERENCES_COOKIE, PREFERENCES_MAX_AGE, preferencesSchema } from "../../preferences/preferences";
import { serializeCookie } from "../../identity/cookies";
import { citizenProcedure, router } from "../init";

export const accountRouter = router({
  /** The signed-in citizen's own profile; only ever their own. */
  me: citizenProcedure.query(async ({ ctx }) => {
    const person = await ctx.db.person.findUnique({ where: { id: ctx.principal.id } });
    if (!person) throw new TRPCError({ code: "NOT_FOUND" });
    return {
      name: person.name,
      locale: person.locale,
      onboarded: person.onboardedAt !== null,
      electronicConsent: await hasElectronicConsent(ctx.db, person.id),
    };
  }),

  completeOnboarding: citizenProcedure
    .input(z.object({ consent: z.boolean(), locale: z.enum(LOCALES), preferences: preferencesSchema }))
    .mutation(async ({ ctx, input }) => {
      await completeOnboarding(ctx.db, ctx.principal.id, input, new Date());
      ctx.resHeaders.append("Set-Cookie", serializeCookie(PREFERENCES_COOKIE, encodePreferences(input.preferences), { maxAge: PREFERENCES_MAX_AGE, httpOnly: false }));
      return { ok: true };
    }),

  setElectronicConsent: citizenProcedure.input(z.object({ consent: z.boolean() })).mutation(async ({ ctx, input }) => {
    await setElectronicConsent(ctx.db, ctx.principal.id, input.consent, new Date());
    return { consent: input.consent };
  }),

  /** Who else acted on the caller's account (staff, helpers, agencies, the system); only ever the caller's own events. */
  accessLog: citizenProcedure
    .input(z.object({ actor: z.enum(ACCESS_ACTORS).default("all"), period: z.enum(ACCESS_PERIODS).default("all"), before: z.string().regex(CURSOR).optional() }))
    .query(({ ctx, input }) => accessLog(ctx.db, ctx.principal.id, { ...input, locale: ctx.locale, now: new Date() })),
});
