import { parentPort } from "node:worker_threads";
import { encryptPush } from "./encrypt";

export interface EncryptBatch {
  id: number;
  /** [p256dh, auth, payload] per message. */
  items: [string, string, string][];
}

export interface EncryptedBatch {
  id: number;
  /** The messages one after another, in one transferred buffer; `lengths[i]` bytes each, 0 where `errors[i]`. */
  buffer: ArrayBuffer;
  lengths: number[];
  errors: (string | null)[];
}

/** The thread of ./encrypt-pool.ts: encrypts each batch it is sent. */
parentPort?.on("message", ({ id, items }: EncryptBatch) => {
  const messages: Buffer[] = [];
  const errors: (string | null)[] = [];
  for (const [p256dh, auth, payload] of items) {
    try {
      messages.push(encryptPush(p256dh, auth, payload));
      errors.push(null);
    } catch (error) {
      messages.push(Buffer.alloc(0));
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  // Its own ArrayBuffer (not Node's shared pool), so it can be transferred.
  const all = Buffer.allocUnsafeSlow(messages.reduce((sum, m) => sum + m.length, 0));
  let at = 0;
  for (const m of messages) at += m.copy(all, at);
  const answer: EncryptedBatch = { id, buffer: all.buffer as ArrayBuffer, lengths: messages.map((m) => m.length), errors };
  parentPort!.postMessage(answer, [all.buffer as ArrayBuffer]);
});
