import { z } from "zod";
import { answerApproval } from "../../assist/counter";
import { assistError } from "../../assist/errors";
import { acceptProxy, actFor, invitation, inviteProxy, revokeGrant } from "../../assist/proxy";
import { actingContext, listGrants } from "../../assist/read";
import { PROXY_MAX_DAYS, SCOPES } from "../../assist/scopes";
import { requireStepUp } from "../../identity/step-up";
import { citizenProcedure, router } from "../init";

const grantId = z.uuid();
const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

/** A citizen's grants: proxies they give or hold, counter sessions they approve; only ever their own. */
export const grantsRouter = router({
  list: citizenProcedure.query(({ ctx }) => listGrants(ctx.db, ctx.principal.id, ctx.locale, new Date())),

  /** Whom this session acts for ("Acting for {name}"), if anyone. */
  acting: citizenProcedure.query(({ ctx }) => actingContext(ctx.db, ctx.principal, new Date())),

  /** Needs a fresh step-up, and never while acting for someone else. */
  invite: citizenProcedure
    .input(z.object({ scopes: z.array(z.enum(SCOPES)).min(1), days: z.number().int().min(1).max(PROXY_MAX_DAYS), label: z.string().trim().min(1).max(60) }))
    .mutation(({ ctx, input }) => {
      if (ctx.principal.actingGrantId) throw assistError("FORBIDDEN", "GRANT_NOT_FOUND");
      requireStepUp(ctx.principal, new Date());
      return inviteProxy(ctx.db, ctx.principal.id, input, new Date());
    }),

  invitation: citizenProcedure.input(z.object({ token })).query(async ({ ctx, input }) => {
    const found = await invitation(ctx.db, input.token, new Date());
    return { name: found.name, scopes: found.scopes, days: found.days, own: found.personId === ctx.principal.id };
  }),

  accept: citizenProcedure.input(z.object({ token })).mutation(({ ctx, input }) => acceptProxy(ctx.db, ctx.principal.id, input.token, new Date())),

  revoke: citizenProcedure.input(z.object({ grantId })).mutation(async ({ ctx, input }) => {
    await revokeGrant(ctx.db, ctx.principal.id, input.grantId, new Date());
    return { ok: true };
  }),

  actFor: citizenProcedure.input(z.object({ grantId: grantId.nullable() })).mutation(async ({ ctx, input }) => {
    await actFor(ctx.db, ctx.principal, input.grantId, new Date());
    return { ok: true };
  }),

  /** A counter's request to help, as the citizen's phone shows it. */
  approval: citizenProcedure.input(z.object({ grantId })).query(async ({ ctx, input }) => {
    const grant = await ctx.db.grant.findUnique({ where: { id: input.grantId }, include: { staff: { include: { center: true } } } });
    if (!grant || grant.personId !== ctx.principal.id || grant.kind !== "assist" || !grant.staff) throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
    return { status: grant.status, staffName: grant.staff.name, center: (grant.staff.center.name as Record<string, string>)[ctx.locale], scopes: grant.scopes, minutes: grant.minutes };
  }),

  answer: citizenProcedure.input(z.object({ grantId, approve: z.boolean() })).mutation(async ({ ctx, input }) => ({
    status: await answerApproval(ctx.db, ctx.principal.id, input.grantId, input.approve, new Date()),
  })),
});
