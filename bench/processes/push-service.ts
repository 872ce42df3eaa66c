import { startPushRelay } from "../../server/sandbox/push-relay";

/**
 * The push service for `npm run bench -- push`: the relay (checks VAPID and headers, keeps
 * ciphertexts, never decrypts — as a real push service), in a process of its own so the
 * benchmark's RSS and CPU profile are the worker's only. Prints its URL as one JSON line; stops
 * when stdin closes.
 */
async function main() {
  const relay = await startPushRelay({ keep: 2 });
  process.stdout.write(JSON.stringify({ url: relay.url }) + "\n");
  process.stdin.resume().on("end", () => void relay.close().then(() => process.exit(0)));
}

void main();
