/**
 * One of a verification's checks. "unknown" means it could not be checked (a status list or log
 * out of reach, an issuer's key missing): never reported as "failed", which means proven wrong.
 */
export type Outcome = "ok" | "failed" | "unknown";

export interface Check {
  result: Outcome;
  /** Why it failed or could not be checked, e.g. "revoked", "status-unreachable". */
  reason?: string;
}

export const ok = (): Check => ({ result: "ok" });
export const failed = (reason: string): Check => ({ result: "failed", reason });
export const unknown = (reason: string): Check => ({ result: "unknown", reason });

/** The first failure, else the first unknown, else ok. */
export function worst(...checks: Check[]): Check {
  return checks.find((c) => c.result === "failed") ?? checks.find((c) => c.result === "unknown") ?? ok();
}
