import { createHash } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import * as oidc from "openid-client";
import { z } from "zod";

/**
 * The identity provider adapter: OpenID Connect authorization code flow with PKCE against a
 * configured issuer (the demo provider in development). The flow's secrets travel in a short,
 * encrypted cookie so no server state is needed between redirect and callback.
 */
export interface IdpConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  claims: { ci: string; name: string; birthDate: string; phone: string };
  flowSecret: string;
}

export function idpConfigFromEnv(env: Record<string, string | undefined> = process.env): IdpConfig {
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`Configuration error: ${name} is not set.`);
    return v;
  };
  return {
    issuer: need("OIDC_ISSUER"),
    clientId: need("OIDC_CLIENT_ID"),
    clientSecret: need("OIDC_CLIENT_SECRET"),
    redirectUri: `${publicUrl}/api/auth/callback`,
    claims: {
      ci: env.OIDC_CLAIM_CI ?? "ci",
      name: env.OIDC_CLAIM_NAME ?? "name",
      birthDate: env.OIDC_CLAIM_BIRTHDATE ?? "birthdate",
      phone: env.OIDC_CLAIM_PHONE ?? "phone_number",
    },
    flowSecret: need("SESSION_SECRET"),
  };
}

const discovered = new Map<string, Promise<oidc.Configuration>>();

function configuration(c: IdpConfig): Promise<oidc.Configuration> {
  const key = `${c.issuer}|${c.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const insecure = c.issuer.startsWith("http://") ? { execute: [oidc.allowInsecureRequests] } : undefined;
    found = oidc.discovery(new URL(c.issuer), c.clientId, c.clientSecret, undefined, insecure);
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

const flowSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  returnTo: z.string(),
  locale: z.string(),
  stepUp: z.boolean(),
});
export type SignInFlow = z.infer<typeof flowSchema>;

const FLOW_MINUTES = 10;
const flowKey = (secret: string) => createHash("sha256").update(`moa-oidc-flow:${secret}`).digest();

export async function beginSignIn(
  c: IdpConfig,
  input: { returnTo: string; locale: string; stepUp: boolean },
): Promise<{ url: string; flowCookie: string }> {
  const config = await configuration(c);
  const verifier = oidc.randomPKCECodeVerifier();
  const flow: SignInFlow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, ...input };
  const params: Record<string, string> = {
    redirect_uri: c.redirectUri,
    scope: "openid profile phone ci",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
    ui_locales: input.locale,
  };
  // Every sign-in verifies the person afresh (never a silent return of whoever used the provider
  // last); a step-up also demands it by max_age=0 and checks auth_time.
  params.prompt = "login";
  if (input.stepUp) params.max_age = "0";
  const url = oidc.buildAuthorizationUrl(config, params).href;
  const flowCookie = await new EncryptJWT({ ...flow })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setExpirationTime(`${FLOW_MINUTES}m`)
    .encrypt(flowKey(c.flowSecret));
  return { url, flowCookie };
}

export interface VerifiedPerson {
  ci: string;
  name: string;
  birthDate: string | null;
  phone: string | null;
  authTime: Date | null;
}

export class SignInError extends Error {}

export async function readFlow(c: IdpConfig, flowCookie: string | undefined): Promise<SignInFlow> {
  if (!flowCookie) throw new SignInError("missing-flow");
  try {
    const { payload } = await jwtDecrypt(flowCookie, flowKey(c.flowSecret));
    return flowSchema.parse(payload);
  } catch {
    throw new SignInError("invalid-flow");
  }
}

export async function completeSignIn(c: IdpConfig, callbackUrl: URL, flow: SignInFlow): Promise<VerifiedPerson> {
  const config = await configuration(c);
  if (callbackUrl.searchParams.get("error")) throw new SignInError(callbackUrl.searchParams.get("error") ?? "error");
  const tokens = await oidc
    .authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      ...(flow.stepUp ? { maxAge: 0 } : {}),
    })
    .catch((error) => {
      // A provider that rotated its keys: rediscover next time rather than fail for a minute.
      discovered.delete(`${c.issuer}|${c.clientId}`);
      throw error;
    });
  const claims: Record<string, unknown> = tokens.claims() ?? {};
  const ci = claims[c.claims.ci];
  if (typeof ci !== "string" || !/^[A-Za-z0-9+/]{86}==$/.test(ci)) throw new SignInError("no-ci");
  const text = (key: string) => (typeof claims[key] === "string" ? (claims[key] as string) : null);
  return {
    ci,
    name: text(c.claims.name) ?? "",
    birthDate: text(c.claims.birthDate),
    phone: text(c.claims.phone),
    authTime: typeof claims.auth_time === "number" ? new Date(claims.auth_time * 1000) : null,
  };
}
