// Loads a worker thread's TypeScript module. `--import tsx` in a Worker's execArgv does not reach
// the worker's own first import (Node 20), and test runners load TypeScript their own way: tsx's
// tsImport works under both.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.module, import.meta.url);
