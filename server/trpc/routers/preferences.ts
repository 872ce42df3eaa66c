import { encodePreferences, PREFERENCES_COOKIE, PREFERENCES_MAX_AGE, preferencesSchema } from "../../preferences/preferences";
import { serializeCookie } from "../../identity/cookies";
import { appendAudit } from "../../audit/chain";
import { auditActor } from "../../assist/subject";
import { publicProcedure, router, subjectProcedure } from "../init";

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

  /** The display modes kept on the profile of the citizen, or of whom staff help (settings:accessibility); no cookie. */
  updateSubject: subjectProcedure("settings:accessibility").input(preferencesSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.person.update({ where: { id: ctx.subject.id }, data: input });
    await appendAudit(ctx.db, { ...auditActor(ctx.subject), action: "preferences.changed", targetType: "person", targetId: ctx.subject.id, detail: { ...input, ...(ctx.subject.grant && { grantId: ctx.subject.grant.id }) } });
    return input;
  }),
});
