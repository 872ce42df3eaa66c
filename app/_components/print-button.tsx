"use client";

import { useTranslations } from "next-intl";

/** Prints the page (the header, banner and buttons are left off by the print style). */
export function PrintButton() {
  const t = useTranslations("common");
  return (
    <button type="button" className="button secondary no-print" onClick={() => window.print()}>
      {t("print")}
    </button>
  );
}
