import { freePort } from "../runtime/ports";
import { startSandboxGateway } from "./payment-gateway";
import { startSandboxPrintHouse } from "./print-house";
import { startSandboxSmsc } from "./smsc";

export interface RunningSandboxes {
  /** Variables for the web and worker processes, pointing them at the sandboxes. */
  env: Record<string, string>;
  urls: { smsCentre: string; paymentGateway: string };
  stop(): Promise<void>;
}

/**
 * The outside parties `npm start` stands in for when none is configured (never in production): an
 * SMS centre speaking SMPP 3.4 with a page of what it received, and a print house that picks up
 * each day's letters from DATA_DIR/print and reports them printed, then dispatched, and a payment
 * gateway speaking Toss Payments' API with its own payment window (virtual accounts paid after 30 s),
 * posting its webhooks to Moa at `${webUrl}/api/payments/webhook`.
 */
export async function startSandboxes(options: { dataDir: string; basePort: number; smpp: boolean; payments: boolean; webUrl: string }): Promise<RunningSandboxes> {
  const env: Record<string, string> = {};
  const stops: (() => Promise<void>)[] = [];
  let smsCentre = "";
  if (options.smpp) {
    const password = "sandbox";
    const smsc = await startSandboxSmsc({ smppPort: await freePort(options.basePort + 75), httpPort: await freePort(options.basePort + 76), systemId: "moa", password });
    Object.assign(env, { SMPP_HOST: "127.0.0.1", SMPP_PORT: String(smsc.smppPort), SMPP_SYSTEM_ID: "moa", SMPP_PASSWORD: password, SMS_SOURCE_ADDR: "15880000" });
    smsCentre = `http://localhost:${smsc.httpPort}`;
    stops.push(() => smsc.close());
  }
  const printHouse = startSandboxPrintHouse({ dataDir: options.dataDir, dispatchDelayMs: 10 * 60_000, onError: (error) => console.error("sandbox print house:", error) });
  stops.push(async () => printHouse.stop());
  let paymentGateway = "";
  if (options.payments) {
    const secretKey = "test_sk_moa_sandbox";
    const webhookUrl = `${options.webUrl.replace(/\/+$/, "")}/api/payments/webhook`;
    const gateway = await startSandboxGateway({ port: await freePort(options.basePort + 77), secretKey, webhookUrl, depositAfterMs: 30_000 });
    Object.assign(env, { TOSS_API_URL: gateway.url, TOSS_SECRET_KEY: secretKey, TOSS_CLIENT_KEY: "test_ck_moa_sandbox" });
    paymentGateway = gateway.url;
    stops.push(() => gateway.close());
  }
  return { env, urls: { smsCentre, paymentGateway }, stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}
