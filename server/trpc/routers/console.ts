import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { LOCALES, type Locale, type Localized } from "../../../locales/config";
import { deliveryFunnel } from "../../delivery/figures";
import { batchStatus, recentBatches } from "../../notices/batch-status";
import { renderNotice, type FieldSpec, type FieldValue, type RenderedNotice, type TemplateForRender } from "../../notices/render";
import { agencyPayments } from "../../payments/agency";
import { cancelItem } from "../../payments/cancel";
import { requestPaymentDeps } from "../../payments/config";
import { operatorProcedure, router } from "../init";

/** The signed-in operator with their agency: every console procedure reads only that agency's rows. */
const agencyOperator = operatorProcedure.use(async ({ ctx, next }) => {
  const operator = await ctx.db.agencyOperator.findUnique({ where: { id: ctx.principal.id }, include: { agency: true } });
  if (!operator) throw new TRPCError({ code: "FORBIDDEN" });
  return next({ ctx: { operator } });
});

/** Notify's model: an operator holding any one of these permissions. */
const holding = (...permissions: string[]) =>
  agencyOperator.use(({ ctx, next }) => {
    if (!permissions.some((p) => ctx.operator.permissions.includes(p))) throw new TRPCError({ code: "FORBIDDEN" });
    return next();
  });

const sender = holding("send");
const viewer = holding("send", "view-figures");
const figuresViewer = holding("view-figures");

const figuresScope = z.union([z.object({ period: z.enum(["7d", "30d", "all"]) }), z.object({ batchId: z.uuid() })]);

export type BatchStatus = NonNullable<Awaited<ReturnType<typeof batchStatus>>>;

const DAY = 86_400_000;
const PERIOD_DAYS = { "7d": 7, "30d": 30, all: null } as const;

/**
 * Values that let a template render without real data: a text field shows its own label, amounts
 * ₩125,000, integers 2025, dates 30 days ahead (a Seoul calendar date).
 */
export function sampleFields(schema: Record<string, FieldSpec>, locale: Locale, now: Date): Record<string, FieldValue> {
  const in30Days = new Date(now.getTime() + 30 * DAY + 9 * 3_600_000).toISOString().slice(0, 10);
  const fields: Record<string, FieldValue> = {};
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.type === "krw") fields[name] = 125_000;
    else if (spec.type === "integer") fields[name] = 2025;
    else if (spec.type === "date") fields[name] = in30Days;
    else fields[name] = spec.label?.[locale] || spec.label?.ko || name;
  }
  return fields;
}

export const consoleRouter = router({
  /** The agency's latest uploads, newest first. */
  batches: sender.query(({ ctx }): Promise<BatchStatus[]> => recentBatches(ctx.db, ctx.operator.agencyId)),

  /** One upload's progress; another agency's batch does not exist for this operator. */
  batch: sender.input(z.object({ id: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
    const status = await batchStatus(ctx.db, ctx.operator.agencyId, input.id);
    if (!status) throw new TRPCError({ code: "NOT_FOUND" });
    return status;
  }),

  /** The latest version of each of the agency's templates, rendered in all six languages with sample values. */
  templates: agencyOperator.query(async ({ ctx }) => {
    const rows = await ctx.db.template.findMany({ where: { agencyId: ctx.operator.agencyId }, orderBy: [{ kind: "asc" }, { version: "desc" }] });
    const latest = rows.filter((row, i) => i === 0 || rows[i - 1].kind !== row.kind);
    const now = new Date();
    return latest.map((row) => {
      const template: TemplateForRender = {
        agencyName: ctx.operator.agency.name as Localized,
        fieldSchema: row.fieldSchema as unknown as Record<string, FieldSpec>,
        messages: row.messages as unknown as TemplateForRender["messages"],
      };
      const preview = {} as Record<Locale, RenderedNotice | null>;
      for (const locale of LOCALES) {
        try {
          preview[locale] = renderNotice(template, sampleFields(template.fieldSchema, locale, now), locale);
        } catch {
          preview[locale] = null; // a message that does not render in this language: shown as such
        }
      }
      return { id: row.id, kind: row.kind, version: row.version, name: row.name as Localized, preview };
    });
  }),

  /** The delivery funnel and postage saved, for live notices accepted in a period or of one upload. */
  figures: figuresViewer.input(figuresScope).query(async ({ ctx, input }) => {
    const agencyId = ctx.operator.agencyId;
    if ("batchId" in input) {
      const batch = await ctx.db.noticeBatch.findFirst({ where: { id: input.batchId, agencyId }, select: { id: true } });
      if (!batch) throw new TRPCError({ code: "NOT_FOUND" });
      return deliveryFunnel(ctx.db, { agencyId, batchId: batch.id });
    }
    const days = PERIOD_DAYS[input.period];
    return deliveryFunnel(ctx.db, { agencyId, from: days === null ? undefined : new Date(Date.now() - days * DAY) });
  }),

  /** Uploads to show figures for: the agency's 20 latest live batches (test batches have no live notices). */
  figureBatches: figuresViewer.query(async ({ ctx }) => {
    const rows = await ctx.db.noticeBatch.findMany({
      where: { agencyId: ctx.operator.agencyId, testMode: false },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, createdAt: true, accepted: true },
    });
    return rows.map((b) => ({ id: b.id, createdAt: b.createdAt.toISOString(), accepted: b.accepted }));
  }),

  /** The agency's paid bills in a period (newest 500) and the period's totals; never the payer. */
  payments: viewer.input(z.object({ period: z.enum(["7d", "30d", "all"]) })).query(({ ctx, input }) => {
    const days = PERIOD_DAYS[input.period];
    return agencyPayments(ctx.db, ctx.operator.agencyId, days === null ? undefined : new Date(Date.now() - days * DAY));
  }),

  /** Refunds part or all of one of the agency's paid bills; another agency's bill does not exist here. */
  cancelPaymentItem: sender
    .input(z.object({ paymentId: z.string().max(64), noticeId: z.string().max(64), amount: z.number().int().positive(), reason: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) =>
      cancelItem(requestPaymentDeps(ctx.db), { id: ctx.operator.id, agencyId: ctx.operator.agencyId }, input, new Date()),
    ),

  /** The agency's 20 latest notices and their delivery state; never the recipient's CI or name. */
  recentNotices: viewer.query(async ({ ctx }) => {
    const rows = await ctx.db.notice.findMany({
      where: { agencyId: ctx.operator.agencyId },
      orderBy: [{ acceptedAt: "desc" }, { id: "desc" }],
      take: 20,
      select: {
        id: true,
        reference: true,
        certified: true,
        testMode: true,
        route: true,
        acceptedAt: true,
        deliveredAt: true,
        readAt: true,
        template: { select: { kind: true, version: true, name: true } },
      },
    });
    return rows.map((n) => ({
      id: n.id,
      reference: n.reference,
      template: n.template.kind,
      templateVersion: n.template.version,
      templateName: n.template.name as Localized,
      certified: n.certified,
      testMode: n.testMode,
      route: n.route as "electronic" | "postal",
      acceptedAt: n.acceptedAt.toISOString(),
      deliveredAt: n.deliveredAt?.toISOString() ?? null,
      readAt: n.readAt?.toISOString() ?? null,
    }));
  }),
});
