import { getLocale, getTranslations } from "next-intl/server";
import { currentDisplayName, currentPrincipal } from "./current-user";
import { Suspense } from "react";
import type { Preferences } from "@/server/preferences/preferences";
import { Link } from "@/locales/navigation";
import { DisplayControls } from "./display-controls";
import { LanguageSwitcher } from "./language-switcher";
import { NavLink } from "./nav-link";

export async function SiteHeader({ preferences }: { preferences: Preferences }) {
  const t = await getTranslations("common");
  const auth = await getTranslations("auth");
  const wallet = await getTranslations("wallet");
  const locale = await getLocale();
  const name = await currentDisplayName();
  const principal = await currentPrincipal();
  // Citizen pages: a citizen's own, or at the counter the account staff are helping with.
  const citizenPages = principal?.type === "citizen" || (principal?.type === "staff" && principal.actingGrantId !== null);
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
            {principal?.type === "staff" && (
              <li>
                <NavLink href="/assist">{t("counter")}</NavLink>
              </li>
            )}
            {citizenPages && (
              <li>
                <NavLink href="/inbox">{t("inbox")}</NavLink>
              </li>
            )}
            {citizenPages && (
              <li>
                <NavLink href="/payments">{t("payments")}</NavLink>
              </li>
            )}
            {citizenPages && (
              <li>
                <NavLink href="/wallet">{wallet("nav")}</NavLink>
              </li>
            )}
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
          {name ? (
            <form method="post" action="/api/auth/signout" className="account">
              <span className="account-name">{auth("signedInAs", { name })}</span>
              <input type="hidden" name="locale" value={locale} />
              <button type="submit" className="button secondary">
                {auth("signOut")}
              </button>
            </form>
          ) : (
            <Link href="/signin" className="button secondary">
              {auth("signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
