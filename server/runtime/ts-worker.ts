import { fileURLToPath } from "node:url";
import { Worker, workerData, type ResourceLimits } from "node:worker_threads";

const BOOT = fileURLToPath(new URL("./ts-worker-boot.mjs", import.meta.url));

/** A worker thread running the TypeScript module at `module` (a path), which reads `data` with tsWorkerData. */
export function startTsWorker(module: string, data: unknown, resourceLimits?: ResourceLimits): Worker {
  return new Worker(BOOT, { workerData: { module, data }, resourceLimits });
}

/** In a thread started by startTsWorker: the data it was given. */
export function tsWorkerData<T>(): T {
  return (workerData as { data: T }).data;
}
