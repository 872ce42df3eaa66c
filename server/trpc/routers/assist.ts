import { z } from "zod";
import { appendAudit } from "../../audit/chain";
import { readEnv, requireSecret } from "../../env";
import { beginApproved, confirmConsentCode, openAssist, recordPaperConsent, SCAN_MAX_BYTES, type CounterStaff } from "../../assist/counter";
import { endAssist } from "../../assist/end";
import { assistError } from "../../assist/errors";
import { enrolAtCounter } from "../../assist/enrol";
import { findCitizen } from "../../assist/find";
import { actingContext } from "../../assist/read";
import { ASSIST_CONSENT_METHODS, ASSIST_DEFAULT_MINUTES, ASSIST_MAX_MINUTES, ID_DOCUMENTS, SCOPES } from "../../assist/scopes";
import { requestPaymentCode } from "../../assist/payment-confirmation";
import { proxiesFor, supervisorRevoke } from "../../assist/supervisor";
import type { Context, Principal } from "../context";
import { staffProcedure, router } from "../init";

const code = z.string().regex(/^\d{6}$/);
const grantId = z.uuid();

async function counterStaff(ctx: Context & { principal: Principal }): Promise<CounterStaff> {
  const staff = await ctx.db.staff.findUniqueOrThrow({ where: { id: ctx.principal.id } });
  return { id: staff.id, centerId: staff.centerId, name: staff.name, sessionId: ctx.principal.sessionId };
}

/**
 * The counter: staff find the citizen, record the ID check and the citizen's consent, then act
 * within the grant's scopes until it ends. Staff never reach grants, consent or contact channels.
 */
export const assistRouter = router({
  find: staffProcedure
    .input(z.union([z.object({ rrn: z.string().min(13).max(14) }), z.object({ name: z.string().min(1).max(100), birthDate: z.iso.date(), phoneLast4: z.string().regex(/^\d{4}$/) })]))
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      const found = await findCitizen(ctx.db, input, requireSecret(readEnv(), "CI_SECRET"));
      await appendAudit(ctx.db, { actorType: "staff", actorId: ctx.principal.id, onBehalfOf: found.id, action: "assist.lookup", detail: { by: "rrn" in input ? "rrn" : "name-birth-phone" } }, now);
      return found;
    }),

  /** A resident found by RRN but never enrolled: an account made at the counter, with their notices. */
  enrol: staffProcedure
    .input(z.object({ rrn: z.string().min(13).max(14), name: z.string().trim().min(1).max(100), phone: z.string().regex(/^[0-9-]{9,14}$/).optional() }))
    .mutation(({ ctx, input }) => enrolAtCounter(ctx.db, ctx.principal.id, input, requireSecret(readEnv(), "CI_SECRET"), new Date())),

  open: staffProcedure
    .input(
      z.object({
        personId: z.uuid(),
        idCheck: z.object({ document: z.enum(ID_DOCUMENTS), last4: z.string().regex(/^[0-9A-Za-z]{4}$/) }),
        consentMethod: z.enum(ASSIST_CONSENT_METHODS),
        scopes: z.array(z.enum(SCOPES)).min(1),
        minutes: z.number().int().min(5).max(ASSIST_MAX_MINUTES).default(ASSIST_DEFAULT_MINUTES),
      }),
    )
    .mutation(async ({ ctx, input }) => openAssist(ctx.db, await counterStaff(ctx), input, new Date())),

  /** The consent request's state, for the counter's screen to follow the citizen's answer. */
  status: staffProcedure.input(z.object({ grantId })).query(async ({ ctx, input }) => {
    const grant = await ctx.db.grant.findUnique({ where: { id: input.grantId } });
    if (!grant || grant.staffId !== ctx.principal.id) throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
    return { status: grant.status, expiresAt: grant.expiresAt };
  }),

  confirmCode: staffProcedure.input(z.object({ grantId, code })).mutation(async ({ ctx, input }) => {
    await confirmConsentCode(ctx.db, await counterStaff(ctx), input.grantId, input.code, new Date());
    return { ok: true };
  }),

  paperConsent: staffProcedure
    .input(z.object({ grantId, formNumber: z.string().trim().min(3).max(40), scanBase64: z.base64().max(Math.ceil((SCAN_MAX_BYTES * 4) / 3) + 4), scanType: z.string().max(40) }))
    .mutation(async ({ ctx, input }) => {
      await recordPaperConsent(ctx.db, await counterStaff(ctx), input.grantId, { formNumber: input.formNumber, scan: Buffer.from(input.scanBase64, "base64"), scanType: input.scanType }, new Date());
      return { ok: true };
    }),

  begin: staffProcedure.input(z.object({ grantId })).mutation(async ({ ctx, input }) => {
    await beginApproved(ctx.db, await counterStaff(ctx), input.grantId, new Date());
    return { ok: true };
  }),

  /** The session the staff member is in, for the banner (also once expired, to end it). */
  current: staffProcedure.query(({ ctx }) => actingContext(ctx.db, ctx.principal, new Date())),

  end: staffProcedure.input(z.object({ grantId })).mutation(({ ctx, input }) => endAssist(ctx.db, ctx.principal, input.grantId, new Date())),

  /** A payment at the counter needs the citizen's own confirmation: a code sent to their phone. */
  sendPaymentCode: staffProcedure.mutation(async ({ ctx }) => {
    if (!ctx.principal.actingGrantId) throw assistError("NOT_FOUND", "GRANT_NOT_FOUND");
    await requestPaymentCode(ctx.db, ctx.principal.id, ctx.principal.actingGrantId, new Date());
    return { ok: true };
  }),

  /** A supervisor sees the citizen's standing helpers (null for other staff) and may end one. */
  proxies: staffProcedure.input(z.object({ personId: z.uuid() })).query(({ ctx, input }) => proxiesFor(ctx.db, ctx.principal.id, input.personId)),

  revokeProxy: staffProcedure.input(z.object({ grantId })).mutation(async ({ ctx, input }) => {
    await supervisorRevoke(ctx.db, ctx.principal.id, input.grantId, new Date());
    return { ok: true };
  }),
});
