import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const t = await getTranslations("common");
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer")}</p>
        <p>{t("footerHelp")}</p>
      </div>
    </footer>
  );
}
