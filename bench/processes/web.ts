import { once } from "node:events";
import { buildIsCurrent } from "../../server/runtime/build";
import { freePort } from "../../server/runtime/ports";

/**
 * The web side of `npm run bench -- inbox … http`: Moa's production web process (server/runtime/web.ts:
 * Next for the pages, the API's route handlers called past its router) alone in this process so that
 * its CPU is the server's. With `next` as argument, the API goes through Next's router too (to compare).
 * With `fetch`, tRPC's queries go through its fetch adapter instead of server/http/trpc-query.ts.
 * Prints {"url"} once answering; closing stdin stops it.
 */
async function main() {
  if (!buildIsCurrent()) throw new Error("the inbox benchmark over HTTP needs a current production build: npm run build");
  const port = await freePort(3900);
  Object.assign(process.env, { PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn" });
  if (process.argv[2] === "next") process.env.MOA_API_VIA_NEXT = "1";
  if (process.argv[2] === "fetch") process.env.MOA_TRPC_VIA_FETCH = "1";
  await import("../../server/runtime/web");
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const answered = await fetch(`${url}/api/trpc/`).then(() => true, () => false);
    if (answered) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write(JSON.stringify({ url }) + "\n");
  process.stdin.resume();
  await once(process.stdin, "end");
  process.exit(0);
}

void main();
