import { createServer } from "node:net";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../../../prisma/seed/data";
import { demoIdpCitizens, koreanPhoneToE164 } from "./citizens";
import { SANDBOX_MESSAGES, pickLocale } from "./messages";
import { demoSubject, startDemoIdp } from "./provider";

const CI_SECRET = "test-ci-secret-test-ci-secret-0123456789";
const CLIENT_ID = "moa-test";
const CLIENT_SECRET = "moa-test-secret-moa-test-secret";
const REDIRECT_URI = "http://localhost:3999/api/auth/callback";
const citizens = demoIdpCitizens(CI_SECRET);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A minimal cookie jar: name, value and path; expired cookies are dropped. */
class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = "/";
      let expired = value === "";
      for (const attr of attrs) {
        const [k, v = ""] = attr.split("=");
        if (k.toLowerCase() === "path") path = v;
        if (k.toLowerCase() === "expires" && Date.parse(v) <= Date.now()) expired = true;
        if (k.toLowerCase() === "max-age" && Number(v) <= 0) expired = true;
      }
      const key = `${name}|${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.split("|")[0]}=${c.value}`)
      .join("; ");
  }

  raw(): Map<string, { value: string; path: string }> {
    return this.cookies;
  }
}

interface Browser {
  jar: CookieJar;
  acceptLanguage?: string;
}

interface Landing {
  /** The last URL requested (the login page, or the redirect_uri with the response). */
  url: URL;
  res: Response;
  body: string;
}

/** Follows redirects by hand, carrying cookies, until a page answers or the redirect_uri is reached. */
async function navigate(browser: Browser, start: URL, init: { method?: string; body?: string } = {}): Promise<Landing> {
  let url = start;
  let method = init.method ?? "GET";
  let body = init.body;
  for (let hops = 0; hops < 10; hops++) {
    if (url.href.startsWith(REDIRECT_URI)) return { url, res: new Response(null), body: "" };
    const headers: Record<string, string> = { accept: "text/html" };
    const cookie = browser.jar.header(url);
    if (cookie) headers.cookie = cookie;
    if (browser.acceptLanguage) headers["accept-language"] = browser.acceptLanguage;
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await fetch(url, { method, body, headers, redirect: "manual" });
    browser.jar.store(res);
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      method = "GET";
      body = undefined;
      continue;
    }
    return { url, res, body: await res.text() };
  }
  throw new Error("too many redirects");
}

describe("demo identity provider", () => {
  let issuer: string;
  let stop: () => Promise<void>;
  let config: client.Configuration;

  beforeAll(async () => {
    const port = await freePort();
    const idp = await startDemoIdp({
      port,
      issuer: `http://localhost:${port}`,
      env: "test",
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI], postLogoutRedirectUris: ["http://localhost:3999/"] }],
      citizens,
    });
    issuer = idp.issuer;
    stop = idp.stop;
    // openid-client 6 refuses http:// issuers unless allowInsecureRequests runs at discovery.
    config = await client.discovery(new URL(issuer), CLIENT_ID, CLIENT_SECRET, undefined, {
      execute: [client.allowInsecureRequests],
    });
  });

  afterAll(async () => {
    await stop?.();
    await stop?.(); // idempotent
  });

  async function authorizationUrl(extra: Record<string, string> = {}, pkce = true) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const params: Record<string, string> = {
      redirect_uri: REDIRECT_URI,
      scope: "openid profile phone ci",
      state,
      nonce,
      ...extra,
    };
    if (pkce) {
      params.code_challenge = await client.calculatePKCECodeChallenge(verifier);
      params.code_challenge_method = "S256";
    }
    return { url: client.buildAuthorizationUrl(config, params), verifier, state, nonce };
  }

  function buttonsIn(html: string): string[] {
    return [...html.matchAll(/<button type="submit" name="citizen" value="(\d+)" lang="([^"]+)">([^<]*)<\/button>/g)].map((m) => m[3]);
  }

  async function signIn(browser: Browser, index: number, extra: Record<string, string> = {}) {
    const auth = await authorizationUrl(extra);
    const page = await navigate(browser, auth.url);
    expect(page.res.status).toBe(200);
    const back = await navigate(browser, page.url, { method: "POST", body: `citizen=${index}` });
    return { auth, page, back };
  }

  it("publishes discovery metadata for code flow with PKCE and the ci scope", () => {
    const m = config.serverMetadata();
    expect(m.issuer).toBe(issuer);
    expect(m.response_types_supported).toEqual(["code"]);
    expect(m.code_challenge_methods_supported).toEqual(["S256"]);
    expect(m.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "phone", "ci"]));
    expect(m.claims_supported).toEqual(expect.arrayContaining(["sub", "name", "birthdate", "phone_number", "ci"]));
    expect(m.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post"]));
  });

  it("shows the login page in Korean and signs a resident in with ID token and userinfo claims", async () => {
    const browser: Browser = { jar: new CookieJar() };
    const auth = await authorizationUrl({ ui_locales: "ko" });
    const page = await navigate(browser, auth.url);
    expect(page.res.status).toBe(200);
    expect(page.url.pathname).toMatch(/^\/interaction\//);
    expect(page.body).toContain('<html lang="ko">');
    expect(page.body).toContain(SANDBOX_MESSAGES.ko.notice);
    expect(page.body.match(/<h1>/g)).toHaveLength(1);
    expect(page.body).toContain("<main>");
    expect(buttonsIn(page.body)).toEqual(citizens.map((c) => c.name));
    expect(page.body).toContain('lang="zh-Hans">王芳</button>');
    expect(page.body).toContain(`name="cancel"`);
    expect(page.res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");

    const chosen = citizens[3];
    const back = await navigate(browser, page.url, { method: "POST", body: "citizen=3" });
    expect(back.url.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(back.url.searchParams.get("code")).toBeTruthy();
    expect(back.url.searchParams.get("iss")).toBe(issuer);

    const tokens = await client.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: auth.verifier,
      expectedState: auth.state,
      expectedNonce: auth.nonce,
    });
    const claims = tokens.claims();
    expect(claims).toBeDefined();
    expect(claims?.sub).toBe(demoSubject(chosen.ci));
    expect(claims?.sub).toMatch(/^[0-9a-f]{32}$/);
    expect(claims?.ci).toBe(chosen.ci);
    expect(String(claims?.ci)).toHaveLength(88);
    expect(claims?.name).toBe("Somchai Wongsakul");
    expect(claims?.birthdate).toBe("1988-11-21");
    expect(claims?.phone_number).toBe("+821020000004");

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims!.sub);
    expect(userinfo).toMatchObject({
      sub: claims!.sub,
      ci: chosen.ci,
      name: chosen.name,
      birthdate: chosen.birthdate,
      phone_number: chosen.phoneNumber,
    });
  });

  it("shows the page in Thai for ui_locales=th and works with client_secret_basic too", async () => {
    const basic = await client.discovery(new URL(issuer), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET), {
      execute: [client.allowInsecureRequests],
    });
    const browser: Browser = { jar: new CookieJar(), acceptLanguage: "en-US,en;q=0.9" };
    const auth = await authorizationUrl({ ui_locales: "th" });
    const page = await navigate(browser, auth.url);
    expect(page.body).toContain('<html lang="th">');
    expect(page.body).toContain(SANDBOX_MESSAGES.th.notice);
    expect(page.body).toContain(`<title>${SANDBOX_MESSAGES.th.heading}</title>`);
    expect(buttonsIn(page.body)).toHaveLength(citizens.length);

    const back = await navigate(browser, page.url, { method: "POST", body: "citizen=4" });
    const tokens = await client.authorizationCodeGrant(basic, back.url, {
      pkceCodeVerifier: auth.verifier,
      expectedState: auth.state,
      expectedNonce: auth.nonce,
    });
    expect(tokens.claims()?.name).toBe("王芳");
    expect(tokens.claims()?.ci).toBe(citizens[4].ci);
  });

  it("falls back to Accept-Language, then Korean", async () => {
    const vi = await navigate({ jar: new CookieJar(), acceptLanguage: "fr;q=1, vi-VN;q=0.8, en;q=0.5" }, (await authorizationUrl()).url);
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain(SANDBOX_MESSAGES.vi.notice);
    const zh = await navigate({ jar: new CookieJar(), acceptLanguage: "zh-CN" }, (await authorizationUrl({ ui_locales: "de" })).url);
    expect(zh.body).toContain('<html lang="zh-Hans">');
    const ko = await navigate({ jar: new CookieJar(), acceptLanguage: "de-DE" }, (await authorizationUrl()).url);
    expect(ko.body).toContain('<html lang="ko">');
    expect(pickLocale("ja en", "th")).toBe("ja");
    expect(pickLocale(undefined, undefined)).toBe("ko");
  });

  it("rejects an authorization request without PKCE", async () => {
    const auth = await authorizationUrl({}, false);
    const back = await navigate({ jar: new CookieJar() }, auth.url);
    expect(back.url.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(back.url.searchParams.get("error")).toBe("invalid_request");
    expect(back.url.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(back.url.searchParams.get("code")).toBeNull();
  });

  it("reuses the IdP session, but max_age=0 shows the login page again", async () => {
    const browser: Browser = { jar: new CookieJar() };
    const first = await signIn(browser, 0);
    expect(first.back.url.searchParams.get("code")).toBeTruthy();

    // Without max_age the existing session answers at once.
    const silent = await authorizationUrl();
    const direct = await navigate(browser, silent.url);
    expect(direct.url.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(direct.url.searchParams.get("code")).toBeTruthy();

    // max_age=0: the login page again, not a redirect.
    const stepUp = await authorizationUrl({ max_age: "0", ui_locales: "en" });
    const page = await navigate(browser, stepUp.url);
    expect(page.res.status).toBe(200);
    expect(page.url.pathname).toMatch(/^\/interaction\//);
    expect(page.body).toContain(SANDBOX_MESSAGES.en.notice);

    const back = await navigate(browser, page.url, { method: "POST", body: "citizen=0" });
    const tokens = await client.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: stepUp.verifier,
      expectedState: stepUp.state,
      expectedNonce: stepUp.nonce,
      maxAge: 0,
    });
    expect(tokens.claims()?.ci).toBe(citizens[0].ci);
    expect(typeof tokens.claims()?.auth_time).toBe("number");

    // prompt=login does the same.
    const again = await navigate(browser, (await authorizationUrl({ prompt: "login" })).url);
    expect(again.url.pathname).toMatch(/^\/interaction\//);
  });

  it("signs in as another resident over an existing session without a logout detour", async () => {
    const browser: Browser = { jar: new CookieJar() };
    await signIn(browser, 1);
    const stepUp = await authorizationUrl({ max_age: "0" });
    const page = await navigate(browser, stepUp.url);
    expect(page.url.pathname).toMatch(/^\/interaction\//);
    const back = await navigate(browser, page.url, { method: "POST", body: "citizen=5" });
    expect(back.url.href.startsWith(REDIRECT_URI)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: stepUp.verifier,
      expectedState: stepUp.state,
      expectedNonce: stepUp.nonce,
      maxAge: 0,
    });
    expect(tokens.claims()?.name).toBe("James Miller");

    // The session now belongs to the new resident.
    const silent = await authorizationUrl();
    const direct = await navigate(browser, silent.url);
    const silentTokens = await client.authorizationCodeGrant(config, direct.url, {
      pkceCodeVerifier: silent.verifier,
      expectedState: silent.state,
      expectedNonce: silent.nonce,
    });
    expect(silentTokens.claims()?.ci).toBe(citizens[5].ci);
  });

  it("answers Cancel with error=access_denied", async () => {
    const browser: Browser = { jar: new CookieJar() };
    const auth = await authorizationUrl();
    const page = await navigate(browser, auth.url);
    const back = await navigate(browser, page.url, { method: "POST", body: "cancel=1" });
    expect(back.url.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(back.url.searchParams.get("error")).toBe("access_denied");
    expect(back.url.searchParams.get("state")).toBe(auth.state);
    expect(back.url.searchParams.get("code")).toBeNull();
  });

  it("refuses a POST whose interaction does not match the browser's interaction cookie", async () => {
    const browser: Browser = { jar: new CookieJar() };
    const a = await navigate(browser, (await authorizationUrl()).url);
    const b = await navigate({ jar: new CookieJar() }, (await authorizationUrl()).url);
    // Browser A's interaction cookies, replayed against B's interaction URL.
    const cookies = [...browser.jar.raw().entries()]
      .filter(([, c]) => c.path === a.url.pathname)
      .map(([key, c]) => `${key.split("|")[0]}=${c.value}`)
      .join("; ");
    expect(cookies).toContain("_interaction=");
    const res = await fetch(b.url, {
      method: "POST",
      headers: { cookie: cookies, "content-type": "application/x-www-form-urlencoded" },
      body: "citizen=0",
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();

    // And without any cookie at all.
    const bare = await fetch(a.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "citizen=0", redirect: "manual" });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain(SANDBOX_MESSAGES.ko.expired);
  });

  it("ends the IdP session on RP-initiated logout and returns to the post-logout URI", async () => {
    const browser: Browser = { jar: new CookieJar() };
    const { auth, back } = await signIn(browser, 2);
    const tokens = await client.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: auth.verifier,
      expectedState: auth.state,
      expectedNonce: auth.nonce,
    });
    const endUrl = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: "http://localhost:3999/",
      ui_locales: "vi",
    });
    const confirm = await navigate(browser, endUrl);
    expect(confirm.res.status).toBe(200);
    expect(confirm.body).toContain('<html lang="vi">');
    expect(confirm.body).toContain(SANDBOX_MESSAGES.vi.logoutHeading);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirm.body)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1];
    expect(action && xsrf).toBeTruthy();
    const res = await fetch(new URL(action!, issuer), {
      method: "POST",
      headers: { cookie: browser.jar.header(new URL(action!, issuer)), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }).toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://localhost:3999/");
    browser.jar.store(res);

    // Signed out at the IdP: the next authorization shows the login page even without max_age.
    const next = await navigate(browser, (await authorizationUrl()).url);
    expect(next.url.pathname).toMatch(/^\/interaction\//);
  });

  it("must not run in production", async () => {
    await expect(
      startDemoIdp({ port: await freePort(), issuer: "http://localhost:1", env: "production", clients: [], citizens: [] }),
    ).rejects.toThrow("The demo identity provider must not run in production");
  });
});

describe("demo residents for the identity provider", () => {
  it("derives CI, birth date and E.164 phone from the seed", () => {
    expect(citizens).toHaveLength(DEMO_CITIZENS.length);
    for (const c of citizens) {
      expect(c.ci).toHaveLength(88);
      expect(c.birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.phoneNumber).toMatch(/^\+8210\d{8}$/);
    }
    expect(citizens[0]).toMatchObject({ name: "김순자", birthdate: "1948-03-15", phoneNumber: "+821020000001", locale: "ko" });
    expect(koreanPhoneToE164("010-2000-0001")).toBe("+821020000001");
    expect(koreanPhoneToE164("+82 10 2000 0001")).toBe("+821020000001");
  });
});
