import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { paymentConfig, requestPaymentDeps } from "../../payments/config";
import { confirmPayment } from "../../payments/confirm";
import { dueNoticeIds } from "../../payments/due";
import { paymentError, quoteError } from "../../payments/errors";
import { quoteNotices } from "../../payments/quote";
import { getPayment, paymentHistory } from "../../payments/read";
import { startPayment, startScope } from "../../payments/start";
import { auditActor } from "../../assist/subject";
import { requireCitizenConfirmation } from "../../assist/payment-confirmation";
import { router, subjectProcedure } from "../init";

const payer = subjectProcedure("payment:pay");
/** At the counter: the citizen's signature on the paper slip, or the code sent to their phone. */
const citizenConfirmation = z.union([z.object({ signedSlip: z.string().trim().min(1).max(40) }), z.object({ code: z.string().regex(/^\d{6}$/) })]).optional();

const idempotencyKey = z.string().min(8).max(100);

/** The citizen's payments, or those of whom they or staff help (scope payment:pay): only ever `ctx.subject`'s. */
export const paymentsRouter = router({
  /** Prices the chosen notices (or everything due within 7 days or overdue) as a quote valid 15 minutes. */
  quote: payer
    .input(z.union([z.object({ noticeIds: z.array(z.string().max(64)).min(1).max(50) }), z.object({ allDue: z.literal(true) })]))
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      const ids = "allDue" in input ? await dueNoticeIds(ctx.db, ctx.subject.id, now) : input.noticeIds;
      if (ids.length === 0) throw paymentError("BAD_REQUEST", "NOTHING_DUE");
      const quote = await quoteNotices(ctx.db, ctx.subject.id, ids, now).catch((error: unknown) => {
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
  start: payer
    .input(z.object({ quoteId: z.string().max(64), idempotencyKey, citizenConfirmation }))
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      // A retried start replays its first answer: the citizen confirmed that one already.
      const replay = await ctx.db.paymentRequest.findUnique({ where: { scope: startScope(ctx.subject.id, input.idempotencyKey) } });
      if (!replay) await requireCitizenConfirmation(ctx.db, ctx.subject, input.citizenConfirmation, now);
      return startPayment(ctx.db, ctx.subject, { quoteId: input.quoteId, idempotencyKey: input.idempotencyKey, locale: ctx.locale }, now, paymentConfig());
    }),

  /** After the window: confirms with the gateway once, whatever the number of submits. */
  confirm: payer
    .input(z.object({ paymentKey: z.string().min(1).max(200), orderId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/), amount: z.number().int().positive(), idempotencyKey }))
    .mutation(({ ctx, input }) => confirmPayment(requestPaymentDeps(ctx.db), ctx.subject, input, new Date(), auditActor(ctx.subject))),

  get: payer.input(z.object({ id: z.string().max(64) })).query(async ({ ctx, input }) => {
    const payment = await getPayment(ctx.db, ctx.subject.id, input.id, ctx.locale);
    if (!payment) throw new TRPCError({ code: "NOT_FOUND" });
    return payment;
  }),

  history: payer.query(({ ctx }) => paymentHistory(ctx.db, ctx.subject.id, ctx.locale)),
});
