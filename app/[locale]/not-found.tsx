import { getTranslations } from "next-intl/server";
import { Link } from "@/locales/navigation";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("body")}</p>
      <Link href="/" className="button">
        {t("home")}
      </Link>
    </>
  );
}
