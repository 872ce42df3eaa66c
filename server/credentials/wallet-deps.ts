import { getPgPool } from "../db/pool";
import { readEnv, requireSecret } from "../env";
import type { IssueDeps } from "./issue";
import { credentialKeyring } from "./keys";
import { logSigner } from "./log/signing-key";
import { demoRegistry, type SourceRegistry } from "./registries";
import type { ShareViewDeps } from "./share-view";

/** The process's issuing and share-viewing dependencies, from the environment. */
export function publicUrl(): string {
  const env = readEnv();
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

const holder = globalThis as unknown as { moaSourceRegistry?: { secret: string; registry: SourceRegistry } };

/** The source registers: the demo ones (no real register is connected yet), keyed by CI. */
export function sourceRegistry(): SourceRegistry {
  const secret = requireSecret(readEnv(), "CI_SECRET");
  if (holder.moaSourceRegistry?.secret !== secret) holder.moaSourceRegistry = { secret, registry: demoRegistry(secret) };
  return holder.moaSourceRegistry.registry;
}

export async function issueDeps(): Promise<IssueDeps> {
  return { pool: getPgPool(), keyring: await credentialKeyring(), registry: sourceRegistry(), publicUrl: publicUrl() };
}

export async function shareViewDeps(): Promise<ShareViewDeps> {
  return { pool: getPgPool(), keyring: await credentialKeyring(), signer: await logSigner(), publicUrl: publicUrl(), viewerKey: requireSecret(readEnv(), "SESSION_SECRET") };
}
