import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { paymentConfig, requestPaymentDeps } from "../../payments/config";
import { confirmPayment } from "../../payments/confirm";
import { dueNoticeIds } from "../../payments/due";
import { paymentError, quoteError } from "../../payments/errors";
import { quoteNotices } from "../../payments/quote";
import { getPayment, paymentHistory } from "../../payments/read";
import { startPayment } from "../../payments/start";
import { citizenProcedure, router } from "../init";

const idempotencyKey = z.string().min(8).max(100);

/** The citizen's own payments: every procedure reads and writes only `ctx.principal`'s. */
export const paymentsRouter = router({
  /** Prices the chosen notices (or everything due within 7 days or overdue) as a quote valid 15 minutes. */
  quote: citizenProcedure
    .input(z.union([z.object({ noticeIds: z.array(z.string().max(64)).min(1).max(50) }), z.object({ allDue: z.literal(true) })]))
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      const ids = "allDue" in input ? await dueNoticeIds(ctx.db, ctx.principal.id, now) : input.noticeIds;
      if (ids.length === 0) throw paymentError("BAD_REQUEST", "NOTHING_DUE");
      const quote = await quoteNotices(ctx.db, ctx.principal.id, ids, now).catch((error: unknown) => {
        throw quoteError(error);
      });
      return {
        quoteId: quote.quoteId,
        orderId: quote.orderId,
        items: quote.items.map((i) => ({
          noticeId: i.noticeId,
          agencyName: i.agencyName[ctx.locale],
          kind: i.kind[ctx.locale],
          paymentNumber: i.paymentNumber,
          principal: i.principal,
          lateCharge: i.lateCharge,
          total: i.total,
          dueDate: i.dueDate,
        })),
        total: quote.total,
        validUntil: quote.validUntil,
      };
    }),

  /** The hosted window's address; STEP_UP_REQUIRED without a recent step-up. */
  start: citizenProcedure
    .input(z.object({ quoteId: z.string().max(64), idempotencyKey }))
    .mutation(({ ctx, input }) => startPayment(ctx.db, ctx.principal, { ...input, locale: ctx.locale }, new Date(), paymentConfig())),

  /** After the window: confirms with the gateway once, whatever the number of submits. */
  confirm: citizenProcedure
    .input(z.object({ paymentKey: z.string().min(1).max(200), orderId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/), amount: z.number().int().positive(), idempotencyKey }))
    .mutation(({ ctx, input }) => confirmPayment(requestPaymentDeps(ctx.db), ctx.principal, input, new Date())),

  get: citizenProcedure.input(z.object({ id: z.string().max(64) })).query(async ({ ctx, input }) => {
    const payment = await getPayment(ctx.db, ctx.principal.id, input.id, ctx.locale);
    if (!payment) throw new TRPCError({ code: "NOT_FOUND" });
    return payment;
  }),

  history: citizenProcedure.query(({ ctx }) => paymentHistory(ctx.db, ctx.principal.id, ctx.locale)),
});
