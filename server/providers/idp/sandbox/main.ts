import { demoIdpCitizens } from "./citizens";
import { startDemoIdp } from "./provider";

/**
 * Runs the demo identity provider as its own process:
 *   node --import tsx server/providers/idp/sandbox/main.ts
 * Environment: IDP_PORT (3001), IDP_ISSUER (http://localhost:$IDP_PORT), OIDC_CLIENT_ID (moa-demo),
 * OIDC_CLIENT_SECRET (required), PUBLIC_URL (http://localhost:3000), CI_SECRET (required, the
 * same as Moa's), NODE_ENV.
 */

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function setting(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

async function main(): Promise<void> {
  const portText = setting("IDP_PORT") ?? "3001";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`Configuration error: IDP_PORT must be a port number, got ${portText}.`);
  const issuer = setting("IDP_ISSUER") ?? `http://localhost:${port}`;
  const clientId = setting("OIDC_CLIENT_ID") ?? "moa-demo";
  const clientSecret = setting("OIDC_CLIENT_SECRET") ?? fail("Configuration error: OIDC_CLIENT_SECRET is not set.");
  const ciSecret = setting("CI_SECRET") ?? fail("Configuration error: CI_SECRET is not set (at least 32 characters, the same as Moa's).");
  if (ciSecret.length < 32) fail("Configuration error: CI_SECRET must be at least 32 characters.");
  const publicUrl = (setting("PUBLIC_URL") ?? "http://localhost:3000").replace(/\/+$/, "");

  let idp: Awaited<ReturnType<typeof startDemoIdp>>;
  try {
    idp = await startDemoIdp({
      port,
      issuer,
      env: setting("NODE_ENV"),
      clients: [
        {
          clientId,
          clientSecret,
          redirectUris: [`${publicUrl}/api/auth/callback`],
          postLogoutRedirectUris: [`${publicUrl}/`],
        },
      ],
      citizens: demoIdpCitizens(ciSecret),
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    idp.stop().then(
      () => process.exit(0),
      (error: unknown) => fail(`The demo identity provider did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  console.log(`Demo identity provider ready at ${idp.issuer} (client ${clientId}, redirect ${publicUrl}/api/auth/callback)`);
}

void main();
