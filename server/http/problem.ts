/**
 * RFC 9457 problem details for the agency API: a stable `type` per error, so integrations branch
 * on it rather than on prose.
 */
export const PROBLEM_BASE = "https://moa.go.kr/problems/";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export function problem(status: number, type: string, title: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}): Response {
  const body: Problem = { type: PROBLEM_BASE + type, title, status, ...extra };
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers } });
}
