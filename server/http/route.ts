import { authenticateApiKey, type AgencyCaller } from "../agencies/api-keys";
import { getDb } from "../db";
import { problem } from "./problem";
import { resolveSubject, type Subject } from "../assist/subject";
import type { Scope } from "../assist/scopes";
import { clientIp, getRateLimits } from "../security/rate-limit";
import { tooManyRequestsResponse } from "../security/too-many";
import { readCookie, sessionCookieName } from "../identity/cookies";
import { isSameOrigin } from "../identity/csrf";
import { resolveSession, type PrincipalType, type SessionPrincipal } from "../identity/sessions";

/**
 * Every REST route is built here and so declares who may call it; server/http/routes.test.ts
 * fails for a route handler exported without a rule. State-changing requests that ride on a
 * cookie must come from Moa's own pages (CSRF).
 */
export type RouteRole = "public" | PrincipalType | "agency" | "subject";
export interface RouteRule {
  role: RouteRole;
  /** How the route limits itself to the caller's own objects: "none" for public data. */
  ownership: string;
}

export type RuledHandler<C> = ((req: Request, ctx: C) => Promise<Response>) & { rule: RouteRule };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function jsonError(status: number, code: string, headers: HeadersInit = {}): Response {
  return Response.json({ error: { code } }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** A request body no route reads whole may be larger; routes that stream theirs (batches) say so. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface BodyLimit {
  /** Bytes of request body the handler may read: MAX_BODY_BYTES unless said; Infinity for a route that streams and limits its own. */
  maxBodyBytes?: number;
}

/**
 * The handler with its rule, reading at most `maxBodyBytes` of body: a larger declared length is
 * 413 before anything is read, and a body without one (chunked) fails its reader past the limit,
 * so `req.json()` never buffers a gigabyte.
 */
function ruled<C>(rule: RouteRule, fn: (req: Request, ctx: C) => Promise<Response>, maxBodyBytes = MAX_BODY_BYTES): RuledHandler<C> {
  const limited = async (req: Request, ctx: C) => {
    if (!req.body || maxBodyBytes === Infinity) return fn(req, ctx);
    if (Number(req.headers.get("content-length") ?? 0) > maxBodyBytes) {
      await req.body.cancel().catch(() => {});
      return rule.role === "agency"
        ? problem(413, "request-too-large", `The request body may be at most ${maxBodyBytes} bytes`, { maxBytes: maxBodyBytes })
        : jsonError(413, "too_large");
    }
    return fn(new Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body: req.body.pipeThrough(byteLimit(maxBodyBytes)), duplex: "half" } as RequestInit), ctx);
  };
  return Object.assign(limited, { rule });
}

function byteLimit(max: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > max) controller.error(new RangeError(`request body over ${max} bytes`));
      else controller.enqueue(chunk);
    },
  });
}

/**
 * Anyone may call it; what it returns must not depend on who asks. `serverToServer`: posted by
 * another system (a gateway's webhook) and reading no cookie, so there is no CSRF to refuse.
 */
export function publicRoute<C>(
  ownership: string,
  handler: (req: Request, ctx: C) => Response | Promise<Response>,
  options: { serverToServer?: boolean } & BodyLimit = {},
): RuledHandler<C> {
  return ruled(
    { role: "public", ownership },
    async (req, ctx) => {
      if (!options.serverToServer && !SAFE_METHODS.has(req.method) && !isSameOrigin(req)) return jsonError(403, "cross_origin");
      return handler(req, ctx);
    },
    options.maxBodyBytes,
  );
}

/** Only a signed-in principal of `role`; the handler receives it and must scope by it. */
export function sessionRoute<C>(
  role: PrincipalType,
  ownership: string,
  handler: (req: Request, ctx: C, principal: SessionPrincipal) => Response | Promise<Response>,
  options: BodyLimit = {},
): RuledHandler<C> {
  return ruled(
    { role, ownership },
    async (req, ctx) => {
      if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) return jsonError(403, "cross_origin");
      const principal = await resolveSession(getDb(), readCookie(req.headers.get("cookie"), sessionCookieName()), new Date());
      if (!principal) return jsonError(401, "unauthorized");
      if (principal.type !== role) return jsonError(403, "forbidden");
      return handler(req, ctx, principal);
    },
    options.maxBodyBytes,
  );
}

/**
 * A citizen's own objects, or those of the citizen a helper or staff act for under an active grant
 * holding `scope` (checked on every request, as the tRPC procedures do).
 */
export function subjectRoute<C>(scope: Scope, ownership: string, handler: (req: Request, ctx: C, subject: Subject, principal: SessionPrincipal) => Response | Promise<Response>): RuledHandler<C> {
  return ruled({ role: "subject", ownership }, async (req, ctx) => {
    if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) return jsonError(403, "cross_origin");
    const principal = await resolveSession(getDb(), readCookie(req.headers.get("cookie"), sessionCookieName()), new Date());
    if (!principal) return jsonError(401, "unauthorized");
    const subject = await resolveSubject(getDb(), principal, scope, new Date()).catch(() => null);
    if (!subject) return jsonError(403, "forbidden");
    return handler(req, ctx, subject, principal);
  });
}

/**
 * An agency system calling with `Authorization: Bearer <API key>`; the handler receives the
 * agency and must touch only its objects. No cookies, so no CSRF check.
 */
export function agencyRoute<C>(ownership: string, handler: (req: Request, ctx: C, caller: AgencyCaller) => Response | Promise<Response>, options: BodyLimit = {}): RuledHandler<C> {
  return ruled({ role: "agency", ownership }, async (req, ctx) => {
    const limits = getRateLimits();
    const caller = await authenticateApiKey(getDb(), req.headers.get("authorization"), new Date());
    if (!caller) {
      const bad = await limits.consume("invalidApiKey", clientIp(req));
      if (!bad.ok) return tooManyRequestsResponse(requestLocale(req), bad.retryAfterSeconds);
      return problem(401, "invalid-api-key", "Missing, unknown or revoked API key", {}, { "WWW-Authenticate": 'Bearer realm="moa"' });
    }
    // Per agency, like Notify: several keys of one agency share its allowance.
    const used = await limits.consume("apiKey", caller.agencyId);
    if (!used.ok) return tooManyRequestsResponse(requestLocale(req), used.retryAfterSeconds);
    return handler(req, ctx, caller);
  }, options.maxBodyBytes);
}

/** The language of an API caller's error messages: Accept-Language's first tag, else Korean. */
export function requestLocale(req: Request): string {
  return (req.headers.get("accept-language") ?? "ko").split(",")[0].split("-")[0].trim().toLowerCase();
}
