import { z } from "zod";
import { checkLetter, inLocale } from "../../delivery/letter-check";
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

  /** Anyone holding a postal letter may check its authenticity number; nothing personal is returned. */
  letter: publicProcedure.input(z.object({ number: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const limited = await getRateLimits().consume("verify", clientIpFromHeaders(ctx.reqHeaders));
    if (!limited.ok) throwTooManyRequests(ctx.resHeaders, limited.retryAfterSeconds);
    const letter = await checkLetter(ctx.db, input.number);
    if (!letter) return { found: false as const };
    return {
      found: true as const,
      agencyName: inLocale(letter.agencyName, ctx.locale),
      kind: inLocale(letter.kind, ctx.locale),
      acceptedAt: letter.acceptedAt.toISOString(),
      status: letter.status,
      letterNumber: letter.letterNumber,
    };
  }),
});
