import { startLocalPushService } from "../../server/sandbox/push-service";

/**
 * The local push service for `npm run bench -- push`, in a process of its own so the benchmark's
 * RSS and CPU profile are the worker's only. Prints its URL as one JSON line; stops when stdin closes.
 */
async function main() {
  const service = await startLocalPushService();
  process.stdout.write(JSON.stringify({ url: service.url }) + "\n");
  process.stdin.resume().on("end", () => void service.close().then(() => process.exit(0)));
}

void main();
