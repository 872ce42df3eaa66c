"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Link, useRouter } from "@/locales/navigation";

/** The inbox's basket: how many bills are ticked, paying them, or paying everything due. In the flow, never fixed. */
export function PayBar({ selected, anyDue }: { selected: string[]; anyDue: boolean }) {
  const t = useTranslations("payments.basket");
  const router = useRouter();
  const [asked, setAsked] = useState(false);
  const paySelected = () => {
    if (selected.length === 0) return setAsked(true);
    router.push(`/pay?notices=${selected.join(",")}`);
  };
  return (
    <section className="pay-bar" aria-labelledby="pay-bar-title">
      <h2 id="pay-bar-title" className="visually-hidden">
        {t("title")}
      </h2>
      <p role="status" aria-live="polite" className="pay-bar-count">
        {asked && selected.length === 0 ? t("noneSelected") : t("selected", { count: selected.length })}
      </p>
      <button type="button" className="button" onClick={paySelected}>
        {t("paySelected")}
      </button>
      {anyDue && (
        <Link href="/pay?all=due" className="button secondary">
          {t("payAllDue")}
        </Link>
      )}
    </section>
  );
}
