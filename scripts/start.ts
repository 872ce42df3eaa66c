import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { createDb } from "../server/db";
import { ConfigError, readEnv } from "../server/env";
import { buildIsCurrent } from "../server/runtime/build";
import { demoBanner, demoInfo } from "../server/runtime/demo-info";
import { lockDataDir } from "../server/runtime/lock";
import { isPortFree } from "../server/runtime/ports";
import { connectExternal, startEmbeddedPostgres, type RunningDatabase } from "../server/runtime/postgres";
import { startDemoIdp, startWeb, startWorker, stopChild, waitForHealth, type Child } from "../server/runtime/processes";
import { freePort } from "../server/runtime/ports";
import { createHash } from "node:crypto";
import type { Env } from "../server/env";
import { loadSecrets } from "../server/runtime/secrets";
import { signingKeyText } from "../server/notices/certificate-signing";
import { logKeyText } from "../server/credentials/log/signing-key";
import { createKeyring, credentialKeysText } from "../server/credentials/keys";
import { seedCredentials } from "../prisma/seed/credentials";
import { seedDemo } from "../prisma/seed/seed";
import { vapidKeys } from "../server/providers/push/vapid";
import { startSandboxes, type RunningSandboxes } from "../server/sandbox/run";
import { tossSettings } from "../server/payments/config";
import { build } from "./build";

/**
 * `npm start`: build if stale, PostgreSQL (embedded unless DATABASE_URL), migrate, seed on first
 * run, then the web server and the worker as separate processes. Ctrl-C stops everything.
 */
async function main() {
  const env = readEnv();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secrets = loadSecrets(env);
  const certSigningKey = await signingKeyText(env);
  const logSigningKey = await logKeyText(env);
  const credentialSigningKeys = await credentialKeysText(env);
  const unlock = lockDataDir(env.DATA_DIR);
  let database: RunningDatabase | undefined;
  let sandboxes: RunningSandboxes | undefined;
  const children: Child[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map((c) => stopChild(c)));
    await sandboxes?.stop().catch(() => {});
    await database?.stop().catch(() => {});
    unlock();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    if (!(await isPortFree(env.PORT))) throw new ConfigError(`Port ${env.PORT} is in use: stop what uses it, or set PORT.`);
    database = env.DATABASE_URL
      ? await connectExternal(env.DATABASE_URL)
      : await startEmbeddedPostgres({ dir: path.join(env.DATA_DIR, "pg"), password: secrets.PG_PASSWORD, port: env.EMBEDDED_PG_PORT, sharedBuffers: env.EMBEDDED_PG_SHARED_BUFFERS });
    if (!buildIsCurrent()) {
      console.log("Building Moa (first start, or the sources changed)…");
      await build();
    }
    const { applied } = await migrate(database.url);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    const seedsDemo = env.NODE_ENV !== "production" || process.env.SEED_DEMO === "true";
    if (seedsDemo) {
      const db = createDb(database.url, 2);
      if (await seedDemo(db, secrets.CI_SECRET)) {
        const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
        const pool = new pg.Pool({ connectionString: database.url, max: 2 });
        await seedCredentials(pool, await createKeyring(credentialSigningKeys, publicUrl), secrets.CI_SECRET, publicUrl).finally(() => pool.end());
        console.log("Seeded demo data.");
      }
      await db.$disconnect();
    }

    const webUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
    const idp = await identityProvider(env, secrets.SESSION_SECRET);
    const vapid = await vapidKeys({ ...env, PUBLIC_URL: webUrl });
    if (env.NODE_ENV === "production") tossSettings(env);
    else sandboxes = await startSandboxes({ dataDir: path.resolve(env.DATA_DIR), basePort: env.PORT, smpp: !env.SMPP_HOST, payments: !env.TOSS_SECRET_KEY, webUrl });
    const childEnv = {
      ...process.env,
      ...idp.env,
      ...sandboxes?.env,
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: vapid.subject,
      DATABASE_URL: database.url,
      CI_SECRET: secrets.CI_SECRET,
      SESSION_SECRET: secrets.SESSION_SECRET,
      CERT_SIGNING_KEY: certSigningKey,
      LOG_SIGNING_KEY: logSigningKey,
      CREDENTIAL_SIGNING_KEYS: credentialSigningKeys,
      PUBLIC_URL: webUrl,
      DATA_DIR: path.resolve(env.DATA_DIR),
    };
    const processes = [startWorker(childEnv), startWeb(env.PORT, childEnv)];
    if (idp.demo) processes.push(startDemoIdp({ ...childEnv, IDP_PORT: String(idp.port) }));
    for (const child of processes) {
      children.push(child);
      child.process.once("exit", (code, signal) => {
        if (stopping) return;
        console.error(`Moa's ${child.name} process stopped (${signal ?? `exit ${code}`}); shutting down.`);
        void shutdown(1);
      });
    }
    await waitForHealth(`http://localhost:${env.PORT}`, 120_000);
    if (seedsDemo) {
      const info = demoInfo(webUrl, database.url, { smsCentre: sandboxes?.urls.smsCentre ?? null, printDir: path.resolve(env.DATA_DIR, "print") });
      writeFileSync(path.join(env.DATA_DIR, "demo.json"), JSON.stringify(info, null, 2));
      console.log(demoBanner(info));
    } else {
      console.log(`\n  Moa is running at ${webUrl}\n`);
    }
    console.log("  Press Ctrl-C to stop.\n");
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `Moa could not start: ${(error as Error).message}`);
    await shutdown(1);
  }
}

/**
 * A configured OpenID provider, or (outside production) the demo provider on its own port with
 * a client secret derived from the session secret.
 */
async function identityProvider(env: Env, sessionSecret: string) {
  if (env.OIDC_ISSUER) {
    if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw new ConfigError("Configuration error: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set with OIDC_ISSUER.");
    return { demo: false, port: 0, env: {} };
  }
  if (env.NODE_ENV === "production") throw new ConfigError("Configuration error: OIDC_ISSUER must be set in production (the demo identity provider never runs there).");
  const port = env.IDP_PORT ?? (await freePort(env.PORT + 1));
  return {
    demo: true,
    port,
    env: {
      OIDC_ISSUER: `http://localhost:${port}`,
      OIDC_CLIENT_ID: "moa-demo",
      OIDC_CLIENT_SECRET: createHash("sha256").update(`moa-demo-idp-client:${sessionSecret}`).digest("base64url"),
    },
  };
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
