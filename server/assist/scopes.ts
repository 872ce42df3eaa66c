/** What a helper may do for a citizen; every delegable procedure names the one it needs. */
export const SCOPES = ["notice:read", "payment:pay", "credential:issue", "credential:share", "settings:accessibility"] as const;
export type Scope = (typeof SCOPES)[number];

export const ASSIST_DEFAULT_MINUTES = 30;
export const ASSIST_MAX_MINUTES = 120;
export const PROXY_MAX_DAYS = 365;

/** Ways the citizen agrees at the counter: on their own phone, by a code sent to it, or on paper. */
export const ASSIST_CONSENT_METHODS = ["phone-approval", "sms-code", "paper-form"] as const;
export type AssistConsentMethod = (typeof ASSIST_CONSENT_METHODS)[number];

/** Identity documents staff may check at the counter. */
export const ID_DOCUMENTS = ["resident-card", "driver-licence", "passport", "alien-registration-card", "disability-card"] as const;
export type IdDocument = (typeof ID_DOCUMENTS)[number];

export type GrantKind = "assist" | "proxy";
/** pending: consent awaited; approved: given on the phone, staff not yet started. */
export type GrantStatus = "pending" | "approved" | "active" | "denied" | "ended" | "revoked";

/** A code sent by SMS (consent, payment confirmation) lives 10 minutes and allows 5 tries. */
export const CODE_MINUTES = 10;
export const CODE_TRIES = 5;
