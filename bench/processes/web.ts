import http from "node:http";
import { once } from "node:events";

/**
 * The web side of `npm run bench -- inbox … http`: node:http in front of the tRPC route handler of
 * app/api/trpc/[trpc]/route.ts (the handler Next calls, without Next's own routing), alone in its
 * process so that its CPU is the server's. Prints {"url"} once listening; closing stdin stops it.
 */
async function main() {
  const { GET } = (await import("../../app/api/trpc/[trpc]/route")) as { GET: (req: Request, ctx: unknown) => Promise<Response> };
  const server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    GET(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers }), {})
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}` }) + "\n");
  process.stdin.resume();
  await once(process.stdin, "end");
  process.exit(0);
}

void main();
