"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { Workbox } from "workbox-window";

/** Registers the service worker; when a new version waits, offers to reload in a dialog. */
export function ServiceWorkerUpdater() {
  const t = useTranslations("update");
  const [waiting, setWaiting] = useState(false);
  const wb = useRef<Workbox | null>(null);

  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    void import("workbox-window").then(({ Workbox }) => {
      if (cancelled) return;
      const workbox = new Workbox("/sw.js", { scope: "/" });
      workbox.addEventListener("waiting", () => setWaiting(true));
      workbox.addEventListener("controlling", (event) => {
        if (event.isUpdate) window.location.reload();
      });
      wb.current = workbox;
      void workbox.register();
    });
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <Dialog.Root open={waiting} onOpenChange={setWaiting}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title asChild>
            <h2>{t("title")}</h2>
          </Dialog.Title>
          <Dialog.Description>{t("body")}</Dialog.Description>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => wb.current?.messageSkipWaiting()}>
              {t("reload")}
            </button>
            <Dialog.Close asChild>
              <button type="button" className="button secondary">
                {t("later")}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
