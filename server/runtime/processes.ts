import { spawn, type ChildProcess } from "node:child_process";

export interface Child {
  name: string;
  process: ChildProcess;
}

/**
 * glibc gives each thread its own malloc arena; with Node's threads (libuv, crypto) the Buffers a
 * million-row batch frees stay spread over them as resident memory (≈ 70 MB more at 200,000 rows).
 * Two arenas keep it down; the environment may say otherwise.
 */
export const MEMORY_ENV = { MALLOC_ARENA_MAX: "2" };

/** Next's production server, tRPC served beside it (server/runtime/web.ts); needs `npm run build`. */
export function startWeb(port: number, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ["--import", "tsx", "server/runtime/web.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...MEMORY_ENV, ...env, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  return { name: "web", process: child };
}

export function startWorker(env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ["--import", "tsx", "server/jobs/worker.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...MEMORY_ENV, ...env },
  });
  return { name: "worker", process: child };
}

/** The demo identity provider, a sandbox for the national identity verification service. */
export function startDemoIdp(env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ["--import", "tsx", "server/providers/idp/sandbox/main.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env,
  });
  return { name: "demo identity provider", process: child };
}

/** Waits until /api/health says ok, or gives up after `timeoutMs`. */
export async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
      last = await res.text();
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Moa did not become healthy within ${timeoutMs / 1000} s: ${last}`);
}

export function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.process.kill("SIGKILL"), graceMs);
    child.process.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.process.kill("SIGTERM");
  });
}
