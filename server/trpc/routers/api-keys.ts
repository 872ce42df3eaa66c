import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createApiKey, listApiKeys, revokeApiKey } from "../../agencies/api-keys";
import { operatorProcedure, router } from "../init";

/** Notify's model: only operators with this permission see and manage their agency's keys. */
const keyManager = operatorProcedure.use(async ({ ctx, next }) => {
  const operator = await ctx.db.agencyOperator.findUnique({ where: { id: ctx.principal.id } });
  if (!operator?.permissions.includes("manage-api-keys")) throw new TRPCError({ code: "FORBIDDEN" });
  return next({ ctx: { operator } });
});

export const apiKeysRouter = router({
  list: keyManager.query(async ({ ctx }) =>
    (await listApiKeys(ctx.db, ctx.operator.agencyId)).map((k) => ({
      ...k,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    })),
  ),

  /** The full key is in this answer only; Moa keeps its hash. */
  create: keyManager.input(z.object({ kind: z.enum(["test", "live"]), name: z.string().trim().min(1).max(60) })).mutation(({ ctx, input }) =>
    createApiKey(ctx.db, { agencyId: ctx.operator.agencyId, ...input }, { type: "operator", id: ctx.operator.id }, new Date()),
  ),

  revoke: keyManager.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await revokeApiKey(ctx.db, ctx.operator.agencyId, input.id, { type: "operator", id: ctx.operator.id }, new Date()))) throw new TRPCError({ code: "NOT_FOUND" });
    return { ok: true };
  }),
});
