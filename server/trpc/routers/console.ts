import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { LOCALES, type Locale, type Localized } from "../../../locales/config";
import { batchStatus, recentBatches } from "../../notices/batch-status";
import { renderNotice, type FieldSpec, type FieldValue, type RenderedNotice, type TemplateForRender } from "../../notices/render";
import { operatorProcedure, router } from "../init";

/** The signed-in operator with their agency: every console procedure reads only that agency's rows. */
const agencyOperator = operatorProcedure.use(async ({ ctx, next }) => {
  const operator = await ctx.db.agencyOperator.findUnique({ where: { id: ctx.principal.id }, include: { agency: true } });
  if (!operator) throw new TRPCError({ code: "FORBIDDEN" });
  return next({ ctx: { ...ctx, operator } });
});

/** Notify's model: an operator holding any one of these permissions. */
const holding = (...permissions: string[]) =>
  agencyOperator.use(({ ctx, next }) => {
    if (!permissions.some((p) => ctx.operator.permissions.includes(p))) throw new TRPCError({ code: "FORBIDDEN" });
    return next();
  });

const sender = holding("send");
const viewer = holding("send", "view-figures");

export type BatchStatus = NonNullable<Awaited<ReturnType<typeof batchStatus>>>;

const DAY = 86_400_000;

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
