import type pg from "pg";
import type { Db } from "../db";
import { getPgPool } from "../db/pool";
import { ConfigError, readEnv, type Env } from "../env";
import { createTossGateway } from "../providers/payment/toss";
import type { PaymentGateway } from "../providers/payment/types";

/** What the payment services need: tests pass the test database and a gateway to the sandbox. */
export interface PaymentDeps {
  db: Db;
  pool: pg.Pool;
  gateway: PaymentGateway;
}

export interface PaymentConfig {
  /** The hosted window is `${windowBaseUrl}/pay?…` (the sandbox gateway serves it beside its API). */
  windowBaseUrl: string;
  clientKey: string;
  /** Moa's own address: the window sends the payer back to `${publicUrl}/<locale>/pay/return`. */
  publicUrl: string;
}

/** TOSS_API_URL, TOSS_SECRET_KEY and TOSS_CLIENT_KEY: all three, or payments cannot work. */
export function tossSettings(env: Env): { apiUrl: string; secretKey: string; clientKey: string } {
  const { TOSS_API_URL: apiUrl, TOSS_SECRET_KEY: secretKey, TOSS_CLIENT_KEY: clientKey } = env;
  if (!apiUrl || !secretKey || !clientKey) {
    const where = env.NODE_ENV === "production" ? "in production" : "(`npm start` sets them for its sandbox gateway)";
    throw new ConfigError(`Configuration error: TOSS_API_URL, TOSS_SECRET_KEY and TOSS_CLIENT_KEY must be set ${where}.`);
  }
  return { apiUrl, secretKey, clientKey };
}

export function paymentConfig(env: Env = readEnv()): PaymentConfig {
  const { apiUrl, clientKey } = tossSettings(env);
  return { windowBaseUrl: apiUrl.replace(/\/+$/, ""), clientKey, publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "") };
}

const holder = globalThis as unknown as { moaPaymentGateway?: PaymentGateway };

/** The process-wide gateway client, made on first use. */
export function paymentGateway(): PaymentGateway {
  if (!holder.moaPaymentGateway) {
    const { apiUrl, secretKey } = tossSettings(readEnv());
    holder.moaPaymentGateway = createTossGateway({ secretKey, baseUrl: apiUrl });
  }
  return holder.moaPaymentGateway;
}

/** A request's deps: its database, and the process-wide pool and gateway, made only when a service gets that far. */
export function requestPaymentDeps(db: Db): PaymentDeps {
  return {
    db,
    get pool() {
      return getPgPool();
    },
    get gateway() {
      return paymentGateway();
    },
  };
}
