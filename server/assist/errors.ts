import { TRPCError } from "@trpc/server";

/** tRPC error messages the client shows as `errors.<key>` (see server/trpc/init.ts). */
export const ASSIST_ERROR_KEYS = [
  "CITIZEN_NOT_FOUND",
  "CITIZEN_AMBIGUOUS",
  "INVALID_RRN",
  "NO_PHONE",
  "NO_PUSH_DEVICE",
  "CODE_WRONG",
  "CODE_EXPIRED",
  "CONSENT_PENDING",
  "GRANT_NOT_FOUND",
  "CITIZEN_CONFIRMATION_REQUIRED",
  "INVITATION_INVALID",
  "CANNOT_HELP_SELF",
  "SCAN_INVALID",
  "NOT_SUPERVISOR",
  "SESSION_IN_PROGRESS",
] as const;
export type AssistErrorKey = (typeof ASSIST_ERROR_KEYS)[number];

export const assistError = (code: "BAD_REQUEST" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT", key: AssistErrorKey) => new TRPCError({ code, message: key });
