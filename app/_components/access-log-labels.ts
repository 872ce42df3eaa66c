"use client";

import { useTranslations } from "next-intl";
import type { AccessEntry } from "@/server/audit/access-log";

/** "notice.read" → "noticeRead": message keys cannot hold dots. */
const keyOf = (action: string) => action.replace(/[.-]([a-z])/g, (_, c: string) => c.toUpperCase());

type Entry = Pick<AccessEntry, "kind" | "who" | "place" | "action">;

/** Who acted and what they did, in the reader's language; unknown actions show their code. */
export function useAccessLabels() {
  const t = useTranslations("accessLog");
  return {
    what(action: string): string {
      const key = `actions.${keyOf(action)}`;
      return /^[A-Za-z]+$/.test(keyOf(action)) && t.has(key) ? t(key as "actions.other", { action }) : t("actions.other", { action });
    },
    who({ kind, who, place }: Entry): string {
      if (kind === "system") return t("who.system");
      if (kind === "staff") return who ? t("who.staff", { name: who, center: place ?? "" }) : t("who.staffUnknown");
      if (kind === "helper") return who ? t("who.helper", { name: who }) : t("who.helperUnknown");
      return who ? t("who.agency", { name: who }) : t("who.agencyUnknown");
    },
  };
}
