import { Worker } from "node:worker_threads";
import { encryptPush } from "./encrypt";
import type { EncryptBatch, EncryptedBatch } from "./encrypt-thread";

export type PushEncrypt = (p256dh: string, auth: string, payload: string) => Buffer | Promise<Buffer>;

interface Pending {
  item: [string, string, string];
  resolve(body: Buffer): void;
  reject(error: Error): void;
}

/**
 * Push encryption (./encrypt.ts) on a thread of its own: the ECDH of each message is a third of a
 * sender's CPU, and on the thread it runs beside the main thread's HTTP and database work. Calls
 * made in the same turn of the event loop go over as one batch. Should the thread fail, messages
 * are encrypted on the main thread. Needs tsx (the worker runs under it).
 */
export function threadEncryptor(): PushEncrypt & { close(): Promise<void> } {
  const file = new URL("./encrypt-thread.ts", import.meta.url).href;
  let thread: Worker | null = new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
  const inFlight = new Map<number, Pending[]>();
  let queue: Pending[] = [];
  let batches = 0;

  const onMainThread = (pending: Pending[]) => {
    for (const p of pending) {
      try {
        p.resolve(encryptPush(...p.item));
      } catch (error) {
        p.reject(error as Error);
      }
    }
  };
  const fail = () => {
    thread = null;
    for (const pending of inFlight.values()) onMainThread(pending);
    inFlight.clear();
  };
  thread.on("error", fail).on("exit", fail);
  thread.on("message", ({ id, buffer, lengths, errors }: EncryptedBatch) => {
    const pending = inFlight.get(id)!;
    inFlight.delete(id);
    if (inFlight.size === 0) thread?.unref();
    let at = 0;
    pending.forEach((p, i) => {
      if (errors[i] !== null) p.reject(new Error(errors[i]!));
      else p.resolve(Buffer.from(buffer, at, lengths[i]));
      at += lengths[i];
    });
  });
  // Held open only while a batch is out (set after the listeners, which would hold it otherwise).
  thread.unref();
  const flush = () => {
    const pending = queue;
    queue = [];
    if (!thread) return onMainThread(pending);
    const batch: EncryptBatch = { id: ++batches, items: pending.map((p) => p.item) };
    if (inFlight.size === 0) thread.ref();
    inFlight.set(batch.id, pending);
    thread.postMessage(batch);
  };

  const encrypt = (p256dh: string, auth: string, payload: string) =>
    new Promise<Buffer>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ item: [p256dh, auth, payload], resolve, reject });
    });
  return Object.assign(encrypt, { close: async () => void (await thread?.terminate()) });
}
