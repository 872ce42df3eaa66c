import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import type { Preferences } from "@/server/preferences/preferences";
import { Link } from "@/locales/navigation";
import { DisplayControls } from "./display-controls";
import { LanguageSwitcher } from "./language-switcher";
import { NavLink } from "./nav-link";

export async function SiteHeader({ preferences }: { preferences: Preferences }) {
  const t = await getTranslations("common");
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          <img src="/icons/favicon.svg" alt="" width={32} height={32} />
          {t("brand")}
        </Link>
        <nav className="site-nav" aria-label={t("mainNav")}>
          <ul>
            <li>
              <NavLink href="/">{t("home")}</NavLink>
            </li>
            <li>
              <NavLink href="/settings">{t("settings")}</NavLink>
            </li>
          </ul>
        </nav>
        <div className="header-tools">
          <Suspense>
            <LanguageSwitcher />
          </Suspense>
          <DisplayControls initial={preferences} />
        </div>
      </div>
    </header>
  );
}
