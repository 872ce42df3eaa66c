/**
 * The part of oidc-provider 9's API the demo identity provider uses. The package ships no type
 * declarations (and @types/oidc-provider is not installed), so these are written from its source.
 */
declare module "oidc-provider" {
  import type { EventEmitter } from "node:events";
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type UnknownObject = Record<string, unknown>;

  /** The Koa context oidc-provider hands to configuration functions (only what we touch). */
  export interface KoaContextWithOIDC {
    oidc?: {
      params?: UnknownObject;
      client?: { clientId: string; clientName?: string };
    };
    headers: Record<string, string | string[] | undefined>;
    host: string;
    type: string;
    body: unknown;
    status: number;
    set(field: string, value: string): void;
  }

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: UnknownObject, rejected: string[]): AccountClaims | Promise<AccountClaims>;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean; ts?: number; amr?: string[]; acr?: string };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface Interaction {
    uid: string;
    jti: string;
    exp: number;
    returnTo: string;
    prompt: { name: string; reasons: string[]; details: UnknownObject };
    params: UnknownObject;
    session?: { uid?: string; accountId?: string; cookie?: string };
    grantId?: string;
    lastSubmission?: InteractionResults;
    result?: InteractionResults;
    save(ttlSeconds: number): Promise<string>;
  }

  export interface Grant {
    jti: string;
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface Session {
    uid: string;
    accountId?: string;
    destroy(): Promise<void>;
  }

  export class Provider extends EventEmitter {
    constructor(issuer: string, configuration?: UnknownObject);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    readonly Grant: {
      new (properties: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    readonly Session: { findByUid(uid: string): Promise<Session | undefined> };
  }

  export const interactionPolicy: { base(): unknown[] };

  export namespace errors {
    class OIDCProviderError extends Error {
      error: string;
      error_description?: string;
      status: number;
      statusCode: number;
    }
    class SessionNotFound extends OIDCProviderError {}
  }

  export default Provider;
}
