import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { addDevice, DeviceError, listDevices, removeDevice, setChannels } from "../../delivery/devices";
import { readEnv } from "../../env";
import { citizenProcedure, router } from "../init";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/);

/** Settings → notifications: this citizen's devices for web push, and which channels escalation may use. */
export const notificationsRouter = router({
  status: citizenProcedure.query(async ({ ctx }) => {
    const person = await ctx.db.person.findUniqueOrThrow({ where: { id: ctx.principal.id }, select: { pushEnabled: true, smsEnabled: true, phone: true } });
    const devices = await listDevices(ctx.db, ctx.principal.id);
    return {
      // Set by `npm start` (generated or from the environment); without it this server cannot push.
      vapidPublicKey: readEnv().VAPID_PUBLIC_KEY ?? null,
      pushEnabled: person.pushEnabled,
      smsEnabled: person.smsEnabled,
      hasPhone: person.phone !== null,
      devices: devices.map((d) => ({ id: d.id, label: d.label, endpoint: d.endpoint, createdAt: d.createdAt.toISOString(), lastUsedAt: d.lastUsedAt?.toISOString() ?? null })),
    };
  }),

  subscribe: citizenProcedure
    .input(z.object({ endpoint: z.string().max(2000), keys: z.object({ p256dh: base64url.max(200), auth: base64url.max(100) }), label: z.string().trim().min(1).max(80) }))
    .mutation(async ({ ctx, input }) => {
      try {
        const device = await addDevice(ctx.db, ctx.principal.id, input, new Date());
        return { id: device.id };
      } catch (error) {
        if (error instanceof DeviceError) throw new TRPCError({ code: "BAD_REQUEST", message: "PUSH_ENDPOINT" });
        throw error;
      }
    }),

  remove: citizenProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await removeDevice(ctx.db, ctx.principal.id, input.id, new Date()))) throw new TRPCError({ code: "NOT_FOUND" });
    return { removed: true };
  }),

  setChannels: citizenProcedure.input(z.object({ pushEnabled: z.boolean(), smsEnabled: z.boolean() })).mutation(async ({ ctx, input }) => {
    await setChannels(ctx.db, ctx.principal.id, input, new Date());
    return input;
  }),
});
