import type { TRPCError } from "@trpc/server";
import { logger } from "../logger";

/**
 * A failed call, from tRPC's fetch adapter or server/http/trpc-query.ts: a fault of ours (500) is
 * logged, since its answer says no more than "internal error"; a refusal (401, 400…) is the
 * caller's and is not.
 */
export function reportTrpcError({ error, path }: { error: TRPCError; path: string | undefined }): void {
  if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path }, "tRPC call failed");
}
