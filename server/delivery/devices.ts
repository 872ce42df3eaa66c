import type { Db } from "../db";
import { appendAudit } from "../audit/chain";

/** A citizen may keep this many devices subscribed; the oldest go first beyond it. */
export const MAX_DEVICES = 20;

export class DeviceError extends Error {}

export interface NewDevice {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  label: string;
}

/** A push endpoint must be https (http only to this machine outside production: the local push service). */
export function acceptableEndpoint(endpoint: string, production: boolean): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return !production && url.protocol === "http:" && ["localhost", "127.0.0.1"].includes(url.hostname);
}

export async function listDevices(db: Db, personId: string) {
  return db.pushSubscription.findMany({ where: { personId }, orderBy: { createdAt: "asc" }, select: { id: true, label: true, createdAt: true, lastUsedAt: true, endpoint: true } });
}

/**
 * Subscribes this browser. The same endpoint subscribed again (a reload, a key change) updates the
 * row; an endpoint another citizen had (a shared computer) moves to this one.
 */
export async function addDevice(db: Db, personId: string, device: NewDevice, now: Date, production = process.env.NODE_ENV === "production") {
  if (!acceptableEndpoint(device.endpoint, production)) throw new DeviceError("endpoint");
  const saved = await db.pushSubscription.upsert({
    where: { endpoint: device.endpoint },
    create: { personId, endpoint: device.endpoint, p256dh: device.keys.p256dh, auth: device.keys.auth, label: device.label, createdAt: now },
    update: { personId, p256dh: device.keys.p256dh, auth: device.keys.auth, label: device.label },
  });
  const extra = await db.pushSubscription.findMany({ where: { personId }, orderBy: { createdAt: "desc" }, skip: MAX_DEVICES, select: { id: true } });
  if (extra.length) await db.pushSubscription.deleteMany({ where: { id: { in: extra.map((d) => d.id) } } });
  await appendAudit(db, { actorType: "citizen", actorId: personId, onBehalfOf: personId, action: "push.subscribed", targetType: "push-subscription", targetId: saved.id, detail: { label: device.label } }, now);
  return saved;
}

export async function removeDevice(db: Db, personId: string, id: string, now: Date): Promise<boolean> {
  const { count } = await db.pushSubscription.deleteMany({ where: { id, personId } });
  if (count) await appendAudit(db, { actorType: "citizen", actorId: personId, onBehalfOf: personId, action: "push.unsubscribed", targetType: "push-subscription", targetId: id, detail: {} }, now);
  return count === 1;
}

export async function setChannels(db: Db, personId: string, channels: { pushEnabled: boolean; smsEnabled: boolean }, now: Date) {
  await db.person.update({ where: { id: personId }, data: channels });
  await appendAudit(db, { actorType: "citizen", actorId: personId, onBehalfOf: personId, action: "channels.changed", targetType: "person", targetId: personId, detail: channels }, now);
}
