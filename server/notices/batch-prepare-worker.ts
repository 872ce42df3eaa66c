import { parentPort } from "node:worker_threads";
import { tsWorkerData } from "../runtime/ts-worker";
import { BatchTooLarge } from "./batch-reader";
import { CHUNKS_AHEAD, prepareChunks, type PrepareInput, type WorkerMessage } from "./batch-prepare";
import { transferables } from "./notice-encoder";

/** The worker thread of prepareInWorker: prepares chunks while it has credit, one more per chunk taken. */
const port = parentPort!;
let credit = CHUNKS_AHEAD;
let wake: (() => void) | null = null;
port.on("message", (m) => {
  if (m !== "more") return;
  credit++;
  wake?.();
});

const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

try {
  for await (const chunk of prepareChunks(tsWorkerData<PrepareInput>())) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    send({ kind: "chunk", chunk }, [chunk.lines.buffer as ArrayBuffer, ...transferables(chunk.notices)]);
  }
  send({ kind: "end" });
} catch (error) {
  send({ kind: "failed", tooLarge: error instanceof BatchTooLarge ? error.limit : null, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
