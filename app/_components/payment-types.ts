import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/router";

type Payments = inferRouterOutputs<AppRouter>["payments"];
export type Quote = Payments["quote"];
export type PaymentDetail = Payments["get"];
export type PaymentSummary = Payments["history"][number];
