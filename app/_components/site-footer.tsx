import { getTranslations } from "next-intl/server";
import { Link } from "@/locales/navigation";

export async function SiteFooter() {
  const t = await getTranslations("common");
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer")}</p>
        <p>{t("footerHelp")}</p>
        <nav aria-label={t("workLinks")} className="footer-links">
          <Link href="/assist/signin">{t("staffSignIn")}</Link>
          <Link href="/console/signin">{t("operatorSignIn")}</Link>
          <Link href="/verify">{t("verify")}</Link>
        </nav>
      </div>
    </footer>
  );
}
