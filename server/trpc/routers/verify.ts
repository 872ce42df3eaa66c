import { z } from "zod";
import { verifyDeliveryStatement } from "../../notices/certificate";
import { clientIpFromHeaders, getRateLimits } from "../../security/rate-limit";
import { throwTooManyRequests } from "../../security/too-many";
import { publicProcedure, router } from "../init";

export const verifyRouter = router({
  /** Anyone holding a delivery certificate may check its signed statement; limited per address. */
  deliveryStatement: publicProcedure.input(z.object({ jws: z.string().min(1).max(10_000) })).mutation(async ({ ctx, input }) => {
    const limited = await getRateLimits().consume("verify", clientIpFromHeaders(ctx.reqHeaders));
    if (!limited.ok) throwTooManyRequests(ctx.resHeaders, limited.retryAfterSeconds);
    const result = await verifyDeliveryStatement(input.jws);
    if (!result.valid) return { valid: false as const, reason: result.reason };
    const agency = await ctx.db.agency.findUnique({ where: { code: result.statement.agency }, select: { name: true } });
    return { valid: true as const, statement: result.statement, agencyName: (agency?.name as Record<string, string> | undefined)?.[ctx.locale] ?? result.statement.agency };
  }),
});
