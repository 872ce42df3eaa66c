import { encodePreferences, PREFERENCES_COOKIE, PREFERENCES_MAX_AGE, preferencesSchema } from "../../preferences/preferences";
import { serializeCookie } from "../../identity/cookies";
import { publicProcedure, router } from "../init";

export const preferencesRouter = router({
  get: publicProcedure.query(({ ctx }) => ctx.preferences),

  /** Saves the modes in the cookie, and on the profile when a citizen is signed in. */
  update: publicProcedure.input(preferencesSchema).mutation(async ({ ctx, input }) => {
    ctx.resHeaders.append(
      "Set-Cookie",
      serializeCookie(PREFERENCES_COOKIE, encodePreferences(input), { maxAge: PREFERENCES_MAX_AGE, httpOnly: false }),
    );
    if (ctx.principal?.type === "citizen") {
      await ctx.db.person.update({ where: { id: ctx.principal.id }, data: input });
    }
    return input;
  }),
});
