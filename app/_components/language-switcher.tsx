"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { LOCALE_NAMES, LOCALE_TAGS, LOCALES } from "@/locales/config";
import { Link, usePathname } from "@/locales/navigation";
import { GlobeIcon } from "./icons";

/** Links to the same page in each language, each named in its own language. */
export function LanguageList() {
  const locale = useLocale();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const href = search ? `${pathname}?${search}` : pathname;
  const t = useTranslations("language");
  return (
    <ul className="language-list" aria-label={t("listLabel")}>
      {LOCALES.map((l) => (
        <li key={l}>
          <Link href={href} locale={l} lang={LOCALE_TAGS[l]} hrefLang={LOCALE_TAGS[l]} aria-current={l === locale ? "true" : undefined}>
            {l === locale ? "✓ " : ""}
            {LOCALE_NAMES[l]}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function LanguageSwitcher() {
  const locale = useLocale() as keyof typeof LOCALE_NAMES;
  const t = useTranslations("language");
  return (
    <details className="disclosure">
      <summary>
        <GlobeIcon />
        {t("button", { name: LOCALE_NAMES[locale] })}
      </summary>
      <div className="disclosure-panel">
        <LanguageList />
      </div>
    </details>
  );
}
