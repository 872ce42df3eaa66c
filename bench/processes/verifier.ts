import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import pg from "pg";
import { createKeyring, credentialKeysText } from "../../server/credentials/keys";
import { logSigner } from "../../server/credentials/log/signing-key";
import { STATUS_TTL_SECONDS } from "../../server/credentials/status-store";
import { createVerifier } from "../../server/credentials/verifier";

/**
 * One verifier process of `npm run bench -- credentials`: reads presentations (one per line) from
 * argv[2], says "ready", waits for a line on stdin, verifies them all with 16 in flight through the
 * app's verifier (caches as an outside verifier's, see bench/credentials.ts) and prints its figures
 * as one JSON line.
 */
async function main() {
  const env = process.env as Record<string, string>;
  const presentations = readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean);
  const [aud, nonce] = [env.BENCH_AUD, env.BENCH_NONCE];
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 6 });
  const keyring = await createKeyring(await credentialKeysText({ NODE_ENV: "development", DATA_DIR: env.DATA_DIR, CREDENTIAL_SIGNING_KEYS: undefined }), env.PUBLIC_URL);
  const verifier = createVerifier(pool, keyring, await logSigner(), env.PUBLIC_URL, STATUS_TTL_SECONDS * 1000);
  for (const p of presentations.slice(0, 100)) await verifier.presentation(p, { aud, nonce });
  process.stdout.write("ready\n");
  await once(createInterface({ input: process.stdin }), "line");
  const [cpu, start] = [process.cpuUsage(), performance.now()];
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < presentations.length) if (!(await verifier.presentation(presentations[next++], { aud, nonce })).ok) failures++;
    }),
  );
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, count: presentations.length, failures }) + "\n");
  await once(process.stdin, "end");
  await pool.end();
  process.exit(0);
}

void main();
