import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { setWebhookEndpoint, rotateWebhookSecret } from "../../webhooks/endpoint";
import { enqueueTestWebhook } from "../../webhooks/events";
import { webhookOverview } from "../../webhooks/overview";
import { checkWebhookUrl } from "../../webhooks/url";
import { operatorProcedure, router } from "../init";

/** Webhooks are part of the agency's integration: the API keys permission covers them too. */
const integrationManager = operatorProcedure.use(async ({ ctx, next }) => {
  const operator = await ctx.db.agencyOperator.findUnique({ where: { id: ctx.principal.id } });
  if (!operator?.permissions.includes("manage-api-keys")) throw new TRPCError({ code: "FORBIDDEN" });
  return next({ ctx: { operator, actor: { type: "operator" as const, id: operator.id } } });
});

/** An endpoint URL, or "" to remove the endpoint. */
const endpointUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((url) => url === "" || checkWebhookUrl(url) !== null);

export const webhooksRouter = router({
  get: integrationManager.query(({ ctx }) => webhookOverview(ctx.db, ctx.operator.agencyId)),

  /** The first endpoint's secret is in this answer only. */
  setEndpoint: integrationManager.input(z.object({ url: endpointUrl })).mutation(({ ctx, input }) =>
    setWebhookEndpoint(ctx.db, ctx.operator.agencyId, input.url === "" ? null : checkWebhookUrl(input.url), ctx.actor, new Date()),
  ),

  /** The new secret is in this answer only; the old one stops working at once. */
  rotateSecret: integrationManager.mutation(async ({ ctx }) => ({ secret: await rotateWebhookSecret(ctx.db, ctx.operator.agencyId, ctx.actor, new Date()) })),

  sendTest: integrationManager.mutation(async ({ ctx }) => {
    const agency = await ctx.db.agency.findUniqueOrThrow({ where: { id: ctx.operator.agencyId } });
    if (!agency.webhookUrl) throw new TRPCError({ code: "BAD_REQUEST" });
    return { id: await enqueueTestWebhook(ctx.db, agency.id, new Date()) };
  }),
});
