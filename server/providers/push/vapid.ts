import webpush from "web-push";
import { ConfigError, type Env } from "../../env";
import { storedDevelopmentValue } from "../../runtime/secrets";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const STORED_NAME = "VAPID_KEYS";

/**
 * The VAPID key pair: from the environment, else (outside production) generated on first start and
 * kept with the data, so subscriptions made against it stay valid across restarts.
 */
export async function vapidKeys(env: Pick<Env, "NODE_ENV" | "DATA_DIR" | "PUBLIC_URL" | "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">): Promise<VapidKeys> {
  const subject = env.VAPID_SUBJECT ?? (env.PUBLIC_URL?.startsWith("https:") ? env.PUBLIC_URL : "mailto:moa@localhost");
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
  if (env.NODE_ENV === "production") throw new ConfigError("Configuration error: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set in production (npx web-push generate-vapid-keys).");
  const stored = await storedDevelopmentValue(env.DATA_DIR, STORED_NAME, () => JSON.stringify(webpush.generateVAPIDKeys()));
  const { publicKey, privateKey } = JSON.parse(stored) as { publicKey: string; privateKey: string };
  return { publicKey, privateKey, subject };
}
