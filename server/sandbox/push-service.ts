import { createRequire } from "node:module";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

const require = createRequire(import.meta.url);

export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

export interface LocalPushService {
  url: string;
  /** A subscription as a browser would get it for our VAPID public key. */
  subscribe(applicationServerKey: string): Promise<TestSubscription>;
  /** The payloads the service decrypted for a subscription, in arrival order. */
  notifications(clientHash: string): Promise<string[]>;
  /** Later sends to this subscription get 410 Gone. */
  expire(clientHash: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * web-push-testing, in this process: a push service on localhost that checks the VAPID JWT,
 * decrypts each message (aes128gcm) and keeps it — a real receiving end for the real encryption.
 */
export async function startLocalPushService(port = 0): Promise<LocalPushService> {
  const { PushApiModel } = require("web-push-testing/src/PushApiModel.js");
  const WebPushTestingServer = require("web-push-testing/src/server.js");
  // One per process: the package keeps its model in a module variable.
  const model = new PushApiModel();
  const service = new WebPushTestingServer(model, port);
  // Its startServer() logs and exits the process on errors; listen here instead.
  const server: Server = await new Promise((resolve, reject) => {
    const s = service._app.listen(port, "127.0.0.1", () => resolve(s)).once("error", reject);
  });
  server.keepAliveTimeout = 60_000;
  service.setRequestHandlers();
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  model.notifyUrl = `${url}/notify/`;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`push service ${path}: HTTP ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    url,
    subscribe: async (applicationServerKey) => (await post("/subscribe", { applicationServerKey })).data as TestSubscription,
    notifications: async (clientHash) => (await post("/get-notifications", { clientHash })).data.messages as string[],
    expire: async (clientHash) => {
      await fetch(`${url}/expire-subscription/${clientHash}`, { method: "POST" });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
