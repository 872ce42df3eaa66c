"use client";

import { useTranslations } from "next-intl";

/** The gateway names methods in Korean (Toss `method`); the reader sees them in their language. */
const METHOD_KEYS: Record<string, string> = { 카드: "card", 간편결제: "easyPay", 계좌이체: "transfer", 가상계좌: "virtualAccount", 휴대폰: "mobilePhone" };
const FAILURES = ["declined", "expired", "amountMismatch", "alreadyPaid", "inProgress", "gatewayUnavailable", "cancelled"];

/** Payment states, methods and failures in the reader's language; unknown states and methods as they came. */
export function usePaymentLabels() {
  const t = useTranslations("payments");
  return {
    state: (state: string) => (t.has(`state.${state}`) ? t(`state.${state}`) : state),
    method: (method: string | null) => (method === null ? "—" : METHOD_KEYS[method] ? t(`method.${METHOD_KEYS[method]}`) : method),
    failure: (messageKey: string | null | undefined) => t(`failure.${messageKey && FAILURES.includes(messageKey) ? messageKey : "other"}`),
  };
}
