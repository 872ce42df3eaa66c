import { startSandboxGateway } from "../../server/sandbox/payment-gateway";

/**
 * The sandbox payment gateway for `npm run bench -- pay`, in a process of its own so its CPU is
 * not the benchmark's. Prints its URL as one JSON line; stops when stdin closes.
 */
async function main() {
  const gateway = await startSandboxGateway({ port: 0, secretKey: process.argv[2] ?? "test_sk_bench" });
  process.stdout.write(JSON.stringify({ url: gateway.url }) + "\n");
  process.stdin.resume().on("end", () => void gateway.close().then(() => process.exit(0)));
}

void main();
