import { API_CSP } from "./csp";

/** On every response (next.config.ts applies them to Next's; server/runtime/web.ts to tRPC's). */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** On every API response as well: answers are data, never documents to render. */
export const API_HEADERS = [{ key: "Content-Security-Policy", value: API_CSP }];
