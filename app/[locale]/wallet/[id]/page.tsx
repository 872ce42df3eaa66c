import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/app/_components/client-messages";
import { currentSubject } from "@/app/_components/current-user";
import { pageMetadata } from "@/app/_components/page-title";
import { WalletCredential } from "@/app/_components/wallet-credential";
import type { Locale } from "@/locales/config";
import { redirect } from "@/locales/navigation";
import { getDb } from "@/server/db";
import { CREDENTIAL_NAMES } from "@/server/credentials/labels";
import { isCredentialType } from "@/server/credentials/types";

type Props = { params: Promise<{ locale: Locale; id: string }> };

/** The certificate's name, when it is the signed-in citizen's; else the wallet's. */
async function nameOf(id: string, locale: Locale): Promise<string | null> {
  const subject = await currentSubject();
  if (!subject || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await getDb().credential.findFirst({ where: { id, personId: subject.personId, forgottenAt: null }, select: { type: true } });
  return row && isCredentialType(row.type) ? CREDENTIAL_NAMES[row.type][locale] : null;
}

export async function generateMetadata({ params }: Props) {
  const { locale, id } = await params;
  const t = await getTranslations({ locale, namespace: "wallet" });
  return pageMetadata(locale, (await nameOf(id, locale)) ?? t("title"));
}

export default async function WalletCredentialPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const subject = await currentSubject();
  if (!subject) return redirect({ href: `/signin?returnTo=/${locale}/wallet/${id}`, locale });
  const t = await getTranslations("wallet");
  return (
    <ClientMessages namespaces={["share.list", "wallet"]}>
      <h1>{(await nameOf(id, locale)) ?? t("title")}</h1>
      <WalletCredential id={id} keepOffline={!subject.acting} />
    </ClientMessages>
  );
}
