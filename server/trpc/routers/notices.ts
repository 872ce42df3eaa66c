import { getPgPool } from "../../db/pool";
import { z } from "zod";
import { inboxCounts, listInbox, noticeEnvelope, openNotice } from "../../notices/inbox";
import { citizenProcedure, router } from "../init";

const filter = z.enum(["all", "unread", "to-pay", "due-soon"]).default("all");

export const noticesRouter = router({
  /** The citizen's own inbox; another person's notices never match `personId`. */
  list: citizenProcedure
    .input(z.object({ filter, agency: z.string().max(40).optional(), cursor: z.uuid().nullish() }))
    .query(({ ctx, input }) =>
      listInbox(ctx.db, ctx.principal.id, { filter: input.filter, agency: input.agency, before: input.cursor ?? undefined, locale: ctx.locale, now: new Date() }),
    ),

  counts: citizenProcedure.query(({ ctx }) => inboxCounts(ctx.db, ctx.principal.id, new Date())),

  envelope: citizenProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => noticeEnvelope(ctx.db, ctx.principal, input.id, ctx.locale, new Date())),

  /** A mutation, not a query: the first opening records the read receipt. */
  open: citizenProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => openNotice(ctx.db, getPgPool(), ctx.principal, input.id, ctx.locale, new Date())),
});
