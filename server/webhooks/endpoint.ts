import type { Db } from "../db";
import { appendAudit } from "../audit/chain";
import { newWebhookSecret } from "./sign";

export interface WebhookActor {
  type: "operator" | "system";
  id: string | null;
}

/** What the audit log keeps of an endpoint: no query string, which may carry a token. */
const auditedUrl = (url: string | null) => (url ? new URL(url).origin + new URL(url).pathname : null);

/**
 * Sets (or, with null, removes) the agency's endpoint; the URL must have passed checkWebhookUrl.
 * The first endpoint gets a secret, returned here only.
 */
export async function setWebhookEndpoint(db: Db, agencyId: string, url: string | null, actor: WebhookActor, now: Date): Promise<{ url: string | null; secret: string | null }> {
  const agency = await db.agency.findUniqueOrThrow({ where: { id: agencyId } });
  const secret = url && !agency.webhookSecret ? newWebhookSecret() : null;
  await db.agency.update({ where: { id: agencyId }, data: { webhookUrl: url, ...(secret && { webhookSecret: secret }) } });
  await appendAudit(db, { actorType: actor.type, actorId: actor.id, action: "webhook.endpoint-set", targetType: "agency", targetId: agencyId, detail: { agency: agency.code, url: auditedUrl(url), secretCreated: !!secret } }, now);
  return { url, secret };
}

/** Replaces the signing secret at once and returns it: the only time anyone sees it. */
export async function rotateWebhookSecret(db: Db, agencyId: string, actor: WebhookActor, now: Date): Promise<string> {
  const secret = newWebhookSecret();
  const agency = await db.agency.update({ where: { id: agencyId }, data: { webhookSecret: secret } });
  await appendAudit(db, { actorType: actor.type, actorId: actor.id, action: "webhook.secret-rotated", targetType: "agency", targetId: agencyId, detail: { agency: agency.code } }, now);
  return secret;
}
