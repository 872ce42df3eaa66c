"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";

/**
 * Maps any tRPC or network error to a message in the reader's language: the procedure's own
 * message key when there is a translation for it (`errors.<key>`), else its tRPC code's.
 */
export function useErrorMessage() {
  const t = useTranslations("errors");
  return (error: unknown): string => {
    if (error instanceof TRPCClientError) {
      const data = error.data as { messageKey?: string; code?: string } | undefined;
      if (!data) return t("network");
      for (const key of [data.messageKey, data.code]) if (key && t.has(key)) return t(key);
    }
    return t("INTERNAL_SERVER_ERROR");
  };
}
