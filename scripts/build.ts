import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BUILD_STAMP, sourceHash } from "../server/runtime/build";
import { buildServiceWorker } from "./build-sw";

/** Production build: Next.js, then the Workbox service worker over its output, then the stamp. */
export async function build(): Promise<void> {
  const hash = sourceHash();
  const next = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (next.status !== 0) throw new Error("next build failed");
  await buildServiceWorker();
  mkdirSync(path.dirname(BUILD_STAMP), { recursive: true });
  writeFileSync(BUILD_STAMP, hash);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
