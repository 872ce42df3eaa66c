import { extendSession } from "../../identity/sessions";
import { publicProcedure, router, signedInProcedure } from "../init";

/** Seconds left rather than a time of day: the browser's clock may be wrong. */
const secondsUntil = (deadline: number, now: number) => Math.max(0, Math.floor((deadline - now) / 1000));

export const sessionRouter = router({
  /** Whether anyone is signed in here, and how long until their session idles out (for the warning). */
  status: publicProcedure.query(({ ctx }) =>
    ctx.principal ? { type: ctx.principal.type, idleSeconds: secondsUntil(ctx.principal.idleExpiresAt.getTime(), Date.now()) } : null,
  ),

  /** "Stay signed in" from the idle warning (WCAG 2.2.1). */
  extend: signedInProcedure.mutation(async ({ ctx }) => {
    const now = new Date();
    await extendSession(ctx.db, ctx.principal.sessionId, now);
    const fresh = await ctx.db.session.findUniqueOrThrow({ where: { id: ctx.principal.sessionId } });
    const deadline = Math.min(now.getTime() + fresh.idleMinutes * 60_000, fresh.expiresAt.getTime());
    return { idleSeconds: secondsUntil(deadline, now.getTime()) };
  }),
});
