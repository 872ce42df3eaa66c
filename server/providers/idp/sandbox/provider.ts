import { createHash, randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, {
  errors,
  interactionPolicy,
  type Account,
  type AccountClaims,
  type Interaction,
  type InteractionResults,
  type KoaContextWithOIDC,
} from "oidc-provider";
import { isLocale, type Locale } from "../../../../locales/config";
import { SANDBOX_MESSAGES, pickLocale } from "./messages";
import { errorPage, loggedOutPage, loginPage, logoutPage, type Page } from "./pages";

/**
 * The demo OpenID Connect identity provider: it stands in for Korea's identity verification
 * service in development and tests. Authorization code flow with PKCE only; signing in means
 * pressing a demo resident's button. Keys, cookies and state live in memory for one run.
 */

export interface DemoIdpCitizen {
  /** Connecting Information, 88 characters. */
  ci: string;
  name: string;
  /** YYYY-MM-DD */
  birthdate: string;
  /** E.164, e.g. +821020000001 */
  phoneNumber: string;
  locale: string;
}

export interface DemoIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export interface DemoIdpOptions {
  port: number;
  /** e.g. http://localhost:3001 (no path) */
  issuer: string;
  clients: DemoIdpClient[];
  citizens: DemoIdpCitizen[];
  /** NODE_ENV */
  env?: string;
}

export const DEMO_IDP_SCOPES = ["openid", "profile", "phone", "ci"] as const;

/** Which claims each scope releases; all of them go into the ID token as well as userinfo. */
export const DEMO_IDP_CLAIMS = {
  openid: ["sub"],
  profile: ["name", "birthdate"],
  phone: ["phone_number"],
  ci: ["ci"],
} as const;

/** A stable opaque subject: the first 32 hex digits of SHA-256 over the CI. */
export function demoSubject(ci: string): string {
  return createHash("sha256").update(ci).digest("hex").slice(0, 32);
}

const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]{1,64})$/;
const MAX_FORM_BYTES = 8 * 1024;

function asLocale(value: string): Locale {
  const primary = value.toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : "ko";
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function ctxHeader(ctx: KoaContextWithOIDC, name: string): string | undefined {
  const v = ctx.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function newNonce(): string {
  return randomBytes(16).toString("base64");
}

function sendPage(res: ServerResponse, status: number, p: Page): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Content-Security-Policy", p.csp);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.end(p.html);
}

function ctxPage(ctx: KoaContextWithOIDC, p: Page): void {
  ctx.type = "html";
  ctx.set("Content-Security-Policy", p.csp);
  ctx.set("Cache-Control", "no-store");
  ctx.body = p.html;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = header(req, "content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    throw new FormError("expected an application/x-www-form-urlencoded body");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_FORM_BYTES) throw new FormError("form body too large");
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

class FormError extends Error {}

export async function startDemoIdp(options: DemoIdpOptions): Promise<{ issuer: string; stop(): Promise<void> }> {
  if (options.env === "production") {
    throw new Error("The demo identity provider must not run in production");
  }
  const issuerUrl = new URL(options.issuer);
  if (issuerUrl.pathname !== "/" || issuerUrl.search || issuerUrl.hash) {
    throw new Error(`The demo identity provider's issuer must be an origin without a path, got ${options.issuer}`);
  }
  const issuer = issuerUrl.origin;
  if (!options.clients.length) throw new Error("The demo identity provider needs at least one client");

  const citizens = options.citizens.map((c) => ({ ...c, sub: demoSubject(c.ci), uiLocale: asLocale(c.locale) }));
  const bySub = new Map(citizens.map((c) => [c.sub, c]));

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: "RS256", use: "sig", kid: randomBytes(8).toString("hex") };

  const findAccount = async (_ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> => {
    const citizen = bySub.get(sub);
    if (!citizen) return undefined;
    return {
      accountId: sub,
      claims: (): AccountClaims => ({
        sub,
        name: citizen.name,
        birthdate: citizen.birthdate,
        phone_number: citizen.phoneNumber,
        ci: citizen.ci,
      }),
    };
  };

  const localeOf = (ctx: KoaContextWithOIDC): Locale =>
    pickLocale(ctx.oidc?.params?.ui_locales, ctxHeader(ctx, "accept-language"));

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      // Either confidential method is accepted at the token endpoint (see clientAuthMethods).
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "RS256",
    })),
    jwks: { keys: [signingKey] },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      long: { httpOnly: true, sameSite: "lax" },
      short: { httpOnly: true, sameSite: "lax" },
    },
    scopes: [...DEMO_IDP_SCOPES],
    claims: Object.fromEntries(Object.entries(DEMO_IDP_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    // Put the scope's claims in the ID token too, not only at userinfo.
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    pkce: { required: () => true },
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    findAccount,
    interactions: {
      // The default policy: login (honours prompt=login and max_age, max_age=0 becomes prompt=login), then consent.
      policy: interactionPolicy.base(),
      url: (_ctx: KoaContextWithOIDC, interaction: Interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctxPage(ctx, logoutPage({ locale: localeOf(ctx), form, nonce: newNonce() }));
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctxPage(ctx, loggedOutPage({ locale: localeOf(ctx), nonce: newNonce() }));
        },
      },
    },
    renderError: async (ctx: KoaContextWithOIDC, out: Record<string, string>) => {
      ctxPage(ctx, errorPage({ locale: localeOf(ctx), details: out, nonce: newNonce() }));
    },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 10 * 60,
      Interaction: 15 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
  });
  // An https issuer in front of this plain-http server means a TLS-terminating proxy.
  provider.proxy = issuerUrl.protocol === "https:";

  const providerCallback = provider.callback();

  /** Grants exactly what was asked for (supported scopes and any `claims` parameter names). */
  async function grantFor(details: Interaction, accountId: string): Promise<string> {
    const clientId = String(details.params.client_id);
    let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    if (!grant || grant.accountId !== accountId || grant.clientId !== clientId) {
      grant = new provider.Grant({ accountId, clientId });
    }
    const supported = new Set<string>(DEMO_IDP_SCOPES);
    const requested = String(details.params.scope ?? "openid")
      .split(" ")
      .filter((s) => supported.has(s));
    grant.addOIDCScope(requested.join(" "));
    const claimNames = new Set<string>();
    if (typeof details.params.claims === "string") {
      try {
        const parsed = JSON.parse(details.params.claims) as Record<string, Record<string, unknown> | undefined>;
        for (const where of ["id_token", "userinfo"]) Object.keys(parsed[where] ?? {}).forEach((n) => claimNames.add(n));
      } catch {
        // oidc-provider already rejected malformed claims parameters
      }
    }
    const missing = details.prompt.details.missingOIDCClaims;
    if (Array.isArray(missing)) missing.forEach((n) => claimNames.add(String(n)));
    if (claimNames.size) grant.addOIDCClaims([...claimNames]);
    return grant.save();
  }

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const method = req.method ?? "GET";
    let details: Interaction;
    try {
      // Reads the interaction cookie (signed, path-scoped to this URL): a request without it fails.
      details = await provider.interactionDetails(req, res);
    } catch (error) {
      if (error instanceof errors.SessionNotFound) {
        const locale = pickLocale(undefined, header(req, "accept-language"));
        sendPage(res, 400, errorPage({ locale, message: SANDBOX_MESSAGES[locale].expired, nonce: newNonce() }));
        return;
      }
      throw error;
    }
    const locale = pickLocale(details.params.ui_locales, header(req, "accept-language"));
    if (details.uid !== uid) {
      // The URL names another interaction than the browser's cookie: refuse (no cross-request submits).
      sendPage(res, 400, errorPage({ locale, message: SANDBOX_MESSAGES[locale].expired, nonce: newNonce() }));
      return;
    }

    if (details.prompt.name !== "login") {
      // Already signed in here and only consent is missing: a sandbox consents on the person's behalf.
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error(`unexpected interaction prompt ${details.prompt.name} without a session`);
      const grantId = await grantFor(details, accountId);
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }

    if (method === "GET" || method === "HEAD") {
      const p = loginPage({
        locale,
        action: `/interaction/${details.uid}`,
        citizens: citizens.map((c) => ({ name: c.name, locale: c.uiLocale })),
        nonce: newNonce(),
      });
      sendPage(res, 200, p);
      return;
    }
    if (method !== "POST") {
      res.statusCode = 405;
      res.setHeader("Allow", "GET, POST");
      res.end();
      return;
    }

    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      sendPage(res, 400, errorPage({ locale, details: { error: "invalid_request", error_description: error.message }, nonce: newNonce() }));
      return;
    }

    if (form.has("cancel")) {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The person cancelled the identity verification" },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    const index = Number(form.get("citizen"));
    const citizen = Number.isInteger(index) ? citizens[index] : undefined;
    if (!citizen || form.getAll("citizen").length !== 1) {
      sendPage(res, 400, errorPage({ locale, details: { error: "invalid_request", error_description: "unknown citizen" }, nonce: newNonce() }));
      return;
    }

    // Signing in as someone else than the current IdP session: end that session here, so the
    // resumed authorization starts a fresh one instead of oidc-provider's scripted logout detour.
    if (details.session?.uid && details.session.accountId !== citizen.sub) {
      const previous = await provider.Session.findByUid(details.session.uid);
      await previous?.destroy();
      delete details.session.uid;
      delete details.session.accountId;
      delete details.grantId;
      await details.save(Math.max(details.exp - Math.floor(Date.now() / 1000), 1));
    }

    const grantId = await grantFor(details, citizen.sub);
    const result: InteractionResults = {
      login: { accountId: citizen.sub, remember: true, amr: ["demo"] },
      consent: { grantId },
    };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const match = INTERACTION_PATH.exec(path);
    if (!match) {
      void providerCallback(req, res);
      return;
    }
    handleInteraction(req, res, match[1]).catch((error: unknown) => {
      console.error("demo identity provider: interaction failed:", error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const locale = pickLocale(undefined, header(req, "accept-language"));
      sendPage(res, 500, errorPage({ locale, details: { error: "server_error" }, nonce: newNonce() }));
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`The demo identity provider cannot listen: port ${options.port} is in use`)
          : error,
      );
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(options.port, "127.0.0.1");
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return stopping;
  };

  return { issuer, stop };
}
