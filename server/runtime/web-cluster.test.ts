import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./ports";
import { webProcessCount } from "./web-cluster";

describe("how many web processes", () => {
  it("is one per core, at most four, unless WEB_PROCESSES says", () => {
    expect(webProcessCount({}, 2)).toBe(2);
    expect(webProcessCount({}, 1)).toBe(1);
    expect(webProcessCount({}, 16)).toBe(4);
    expect(webProcessCount({ WEB_PROCESSES: "1" }, 16)).toBe(1);
    expect(webProcessCount({ WEB_PROCESSES: "6" }, 2)).toBe(6);
  });
});

/** One answer on a fresh connection (the primary hands each new connection to the next worker). */
function ask(port: number, pathname = "/"): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: pathname, agent: false }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c)).on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(what: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the web processes sharing one port (runWebCluster)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "moa-cluster-"));
  let primary: ChildProcess | undefined;
  afterAll(() => {
    primary?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves from every worker, replaces one that dies, and stops them all on SIGTERM", async () => {
    // A stand-in for web.ts: answers with its pid; /crash dies as an uncaught error would.
    const worker = path.join(dir, "worker.mjs");
    writeFileSync(
      worker,
      `import http from "node:http";
const server = http.createServer((req, res) => (req.url === "/crash" ? process.exit(3) : res.end(String(process.pid))));
server.listen(Number(process.env.PORT));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
`,
    );
    const main = path.join(dir, "primary.ts");
    writeFileSync(main, `import { runWebCluster } from ${JSON.stringify(path.join(import.meta.dirname, "web-cluster.ts"))};\nrunWebCluster(2, ${JSON.stringify(worker)});\n`);
    const port = await freePort(3950);
    primary = spawn(process.execPath, ["--import", "tsx", main], { env: { ...process.env, PORT: String(port), LOG_LEVEL: "silent" }, stdio: "ignore" });

    const pidsAnswering = async (n: number) => {
      const pids = new Set<number>();
      for (let i = 0; i < 12; i++) pids.add(Number(await ask(port)));
      return pids.size === n ? pids : null;
    };
    const first = await until(() => pidsAnswering(2));
    const [victim, survivor] = [...first];

    await ask(port, "/crash").catch(() => {}); // whichever worker takes it dies
    await until(async () => (alive(victim) && alive(survivor) ? null : true));
    const dead = alive(victim) ? survivor : victim;
    const second = await until(async () => {
      const pids = await pidsAnswering(2);
      return pids && !pids.has(dead) ? pids : null;
    });
    expect([...second].filter((p) => !first.has(p))).toHaveLength(1);

    const exited = once(primary, "exit");
    primary.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    for (const pid of second) expect(alive(pid)).toBe(false);
  }, 60_000);
});
