import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/** Page titles repeat the page's h1, so the title and heading always agree. */
export async function pageMetadata(locale: string, heading: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "common" });
  return { title: t("pageTitle", { title: heading }) };
}
