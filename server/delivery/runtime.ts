import type pg from "pg";
import type { Logger } from "pino";
import { threadEncryptor } from "../providers/push/encrypt-pool";
import { createWebPushSender } from "../providers/push/web-push";
import { createSmppProvider, smppOptionsFromEnv } from "../providers/sms/smpp";
import { recordSmsReceipt } from "./receipts";
import type { DeliveryDeps } from "./send";

/**
 * The worker's delivery providers, from the environment `npm start` prepares: VAPID keys (generated
 * or given), the SMS centre (the sandbox unless SMPP_HOST is set), the public address for links.
 * The SMPP session stays bound for the life of the worker; its receipts update deliveries.
 */
export function createDeliveryDeps(pool: pg.Pool, env: Record<string, string | undefined>, log: Logger): DeliveryDeps {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, SESSION_SECRET, PUBLIC_URL } = env;
  if (!VAPID_PUBLIC_KEY || !VAPID_PRIVATE_KEY) throw new Error("Configuration error: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set.");
  if (!SESSION_SECRET) throw new Error("Configuration error: SESSION_SECRET is not set.");
  const subject = env.VAPID_SUBJECT ?? (PUBLIC_URL?.startsWith("https:") ? PUBLIC_URL : "mailto:moa@localhost");
  const sms = env.SMPP_HOST ? createSmppProvider({ ...smppOptionsFromEnv(env), log }) : null;
  sms?.onReceipt((receipt) =>
    recordSmsReceipt(pool, receipt).then(
      () => undefined,
      (error: Error) => log.warn({ err: error.message }, "SMS receipt not recorded"),
    ),
  );
  return {
    pool,
    push: createWebPushSender({ publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY, subject }, { encrypt: threadEncryptor() }),
    sms,
    publicUrl: PUBLIC_URL ?? "http://localhost:3000",
    linkSecret: SESSION_SECRET,
    log,
  };
}
