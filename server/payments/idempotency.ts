import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type pg from "pg";

/** Stripe's rule: the first answer to a key is kept and replayed; the same key with other parameters is refused. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export const requestSha256 = (...parts: unknown[]) => createHash("sha256").update(JSON.stringify(parts)).digest("hex");

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;
// The statements of the confirm path are named: each connection parses and plans them once.

/** The answer stored for `scope`, or null; CONFLICT when the key came before with other parameters. */
export async function storedAnswer<T>(q: Queryable, scope: string, sha: string): Promise<T | null> {
  const { rows } = await q.query<{ requestSha256: string; response: T }>({ name: "moa-payment-request-get", text: `SELECT "requestSha256", response FROM "PaymentRequest" WHERE scope = $1`, values: [scope] });
  if (rows.length === 0) return null;
  if (rows[0].requestSha256 !== sha) throw new TRPCError({ code: "CONFLICT" });
  return rows[0].response;
}

/** Keeps the first answer (inside the transaction that produced it). */
export async function storeAnswer(q: Queryable, scope: string, paymentId: string, sha: string, response: unknown, now: Date): Promise<void> {
  await q.query({
    name: "moa-payment-request-put",
    text: `INSERT INTO "PaymentRequest" (scope, "paymentId", "requestSha256", response, "createdAt") VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    values: [scope, paymentId, sha, JSON.stringify(response), now],
  });
}
