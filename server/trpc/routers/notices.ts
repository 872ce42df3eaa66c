import { getPgPool } from "../../db/pool";
import { z } from "zod";
import { inboxCounts, listInbox, noticeEnvelope, openNotice } from "../../notices/inbox";
import { router, subjectProcedure } from "../init";

const reader = subjectProcedure("notice:read");

const filter = z.enum(["all", "unread", "to-pay", "due-soon"]).default("all");

export const noticesRouter = router({
  /** The inbox of the citizen, or of whom they or staff help; another person's notices never match `personId`. */
  list: reader
    .input(z.object({ filter, agency: z.string().max(40).optional(), cursor: z.uuid().nullish() }))
    .query(({ ctx, input }) =>
      listInbox(ctx.db, ctx.subject.id, { filter: input.filter, agency: input.agency, before: input.cursor ?? undefined, locale: ctx.locale, now: new Date() }),
    ),

  counts: reader.query(({ ctx }) => inboxCounts(ctx.db, ctx.subject.id, new Date())),

  envelope: reader.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => noticeEnvelope(ctx.db, ctx.subject, input.id, ctx.locale, new Date())),

  /** A mutation, not a query: the first opening records the read receipt. */
  open: reader.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => openNotice(ctx.db, getPgPool(), ctx.subject, input.id, ctx.locale, new Date())),
});
