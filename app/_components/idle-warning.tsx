"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { clearOfflineInbox } from "./offline-inbox-store";
import { clearSavedWallet } from "./wallet-store";
import { useTRPC } from "./providers";

/** Seconds before the idle timeout at which the warning opens (server/identity/sessions.ts). */
const WARNING_SECONDS = 120;

/**
 * WCAG 2.2.1: before a session idles out, say so and let the person stay signed in with one
 * action. When time runs out, the session is ended here too, so a shared computer is left safe.
 */
export function IdleWarning() {
  const t = useTranslations("idle");
  const locale = useLocale();
  const pathname = usePathname();
  const trpc = useTRPC();
  // Read on each navigation, when the warning opens and at the deadline (below), passively: looking
  // is not activity. Another tab may have kept the session alive meanwhile.
  const status = useQuery({
    ...trpc.session.status.queryOptions(undefined, { trpc: { context: { passive: true } } }),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Infinity,
  });
  const extend = useMutation(trpc.session.extend.mutationOptions());
  const [extended, setExtended] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const refetch = status.refetch;

  // Every navigation reaches the server, which counts as activity: read the new deadline.
  const seenPath = useRef(pathname);
  useEffect(() => {
    if (seenPath.current === pathname) return;
    seenPath.current = pathname;
    void refetch();
  }, [pathname, refetch]);
  // dataUpdatedAt is this browser's clock when the answer came: only durations cross the wire.
  const deadline = status.data ? Math.max(status.dataUpdatedAt + status.data.idleSeconds * 1000, extended) : null;
  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);

  const remaining = deadline === null ? Infinity : Math.ceil((deadline - now) / 1000);
  const warning = remaining <= WARNING_SECONDS;
  const expired = remaining <= 0;
  useEffect(() => {
    if (warning) void refetch();
  }, [warning, refetch]);
  const signingOut = useRef(false);
  useEffect(() => {
    if (!expired || signingOut.current) return;
    void refetch().then(({ data }) => {
      if ((data && data.idleSeconds > 0) || signingOut.current) return; // kept alive in another tab
      signingOut.current = true;
      clearOfflineInbox();
      void clearSavedWallet();
      void fetch("/api/auth/signout", { method: "POST", body: new URLSearchParams({ locale }), redirect: "manual" }).finally(() => {
        // A full load, not a client navigation: nothing of the signed-in page may stay in memory.
        window.location.replace(`${window.location.origin}/${locale}/signin?expired=1`);
      });
    });
  }, [expired, locale, refetch]);

  if (deadline === null || expired) return null;
  const stay = async () => {
    const { idleSeconds } = await extend.mutateAsync();
    setExtended(Date.now() + idleSeconds * 1000);
    setNow(Date.now());
  };
  const minutes = Math.floor(remaining / 60);
  const seconds = String(remaining % 60).padStart(2, "0");

  return (
    <Dialog.Root open={warning} onOpenChange={(open) => !open && void stay()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content" role="alertdialog">
          <Dialog.Title asChild>
            <h2>{t("title")}</h2>
          </Dialog.Title>
          <Dialog.Description>{t("body")}</Dialog.Description>
          <p className="countdown" aria-hidden="true">
            {t("remaining", { minutes, seconds })}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={stay} disabled={extend.isPending}>
              {t("stay")}
            </button>
            <form method="post" action="/api/auth/signout">
              <input type="hidden" name="locale" value={locale} />
              <button type="submit" className="button secondary">
                {t("signOut")}
              </button>
            </form>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
