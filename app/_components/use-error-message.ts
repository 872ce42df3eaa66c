"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";

const KNOWN = ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "TOO_MANY_REQUESTS", "INTERNAL_SERVER_ERROR"] as const;

/** Maps any tRPC or network error to a message in the reader's language. */
export function useErrorMessage() {
  const t = useTranslations("errors");
  return (error: unknown): string => {
    if (error instanceof TRPCClientError) {
      const key = (error.data as { messageKey?: string } | undefined)?.messageKey;
      if (key && (KNOWN as readonly string[]).includes(key)) return t(key as (typeof KNOWN)[number]);
      if (!error.data) return t("network");
    }
    return t("INTERNAL_SERVER_ERROR");
  };
}
