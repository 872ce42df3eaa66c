"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { reloadQueries, useTRPC } from "./providers";
import { deviceLabel, subscribeThisBrowser } from "./push-subscription";
import { useErrorMessage } from "./use-error-message";

/** Settings → notifications: push on this device, the devices that get pushes, and the channels escalation may use. */
export function NotificationsSection() {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const status = useQuery(trpc.notifications.status.queryOptions());
  const subscribe = useMutation(trpc.notifications.subscribe.mutationOptions());
  const remove = useMutation(trpc.notifications.remove.mutationOptions());
  const setChannels = useMutation(trpc.notifications.setChannels.mutationOptions());
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const refresh = () => reloadQueries(queryClient, trpc.notifications.status.queryKey());

  const turnOn = async () => {
    setMessage(null);
    if (!status.data?.vapidPublicKey) return setMessage({ text: t("unsupported"), error: true });
    const result = await subscribeThisBrowser(status.data.vapidPublicKey);
    if (typeof result === "string") return setMessage({ text: t(result), error: true });
    try {
      await subscribe.mutateAsync({ endpoint: result.endpoint ?? "", keys: { p256dh: result.keys?.p256dh ?? "", auth: result.keys?.auth ?? "" }, label: deviceLabel(navigator.userAgent) });
      setMessage({ text: t("turnedOn"), error: false });
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    } finally {
      await refresh();
    }
  };

  const removeOne = async (id: string) => {
    setMessage(null);
    try {
      await remove.mutateAsync({ id });
      setMessage({ text: t("removed"), error: false });
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    } finally {
      await refresh();
    }
  };

  const change = async (channels: { pushEnabled: boolean; smsEnabled: boolean }) => {
    setMessage(null);
    try {
      await setChannels.mutateAsync(channels);
      setMessage({ text: t("saved"), error: false });
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    } finally {
      await refresh();
    }
  };

  const data = status.data;
  return (
    <section aria-labelledby="notifications">
      <h2 id="notifications">{t("title")}</h2>
      <p>{t("lead")}</p>
      <button type="button" className="button" onClick={turnOn} disabled={subscribe.isPending || !data}>
        {t("turnOn")}
      </button>
      <h3>{t("devicesTitle")}</h3>
      {!data || data.devices.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="plain-list">
          {data.devices.map((d) => (
            <li key={d.id}>
              <strong>{d.label}</strong>{" "}
              <span className="hint">
                {t("addedOn", { date: format.dateTime(new Date(d.createdAt), "short") })} {d.lastUsedAt ? t("lastUsed", { date: format.dateTime(new Date(d.lastUsedAt), "timestamp") }) : ""}
              </span>{" "}
              <button type="button" className="button secondary small" onClick={() => removeOne(d.id)} aria-label={t("removeNamed", { name: d.label })}>
                {t("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {data && (
        <fieldset className="group">
          <legend>{t("channelsTitle")}</legend>
          <p className="hint">{t("channelsLead")}</p>
          <label className="choice">
            <input type="checkbox" checked={data.pushEnabled} onChange={(e) => change({ pushEnabled: e.target.checked, smsEnabled: data.smsEnabled })} />
            <span>{t("push")}</span>
          </label>
          <label className="choice">
            <input type="checkbox" checked={data.smsEnabled} aria-describedby={data.hasPhone ? undefined : "channel-sms-hint"} onChange={(e) => change({ pushEnabled: data.pushEnabled, smsEnabled: e.target.checked })} />
            <span>
              {t("sms")}
              {!data.hasPhone && (
                <span id="channel-sms-hint" className="hint" style={{ display: "block" }}>
                  {t("noPhone")}
                </span>
              )}
            </span>
          </label>
        </fieldset>
      )}
      <div role="status" aria-live="polite">
        {message && <p className={message.error ? "status error" : "status"}>{message.text}</p>}
      </div>
    </section>
  );
}
