"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

type Kind = "staff" | "operator";

/** Password plus a 6-digit authenticator code; every error is said in the reader's language. */
export function WorkerSignInForm({ kind }: { kind: Kind }) {
  const t = useTranslations("workerSignIn");
  const errors = useTranslations("errors");
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { kind, locale, login: form.get("login"), password: form.get("password"), code: form.get("code") };
    if (!body.login || !body.password || !body.code) return setError(t("required"));
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/worker", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const data = (await res.json().catch(() => ({}))) as { next?: string; error?: { code?: string; message?: string; retryAfterSeconds?: number } };
      if (res.ok && data.next) return window.location.assign(data.next);
      const seconds = data.error?.retryAfterSeconds ?? Number(res.headers.get("Retry-After") ?? 60);
      if (res.status === 423) setError(t("locked", { minutes: Math.max(1, Math.ceil(seconds / 60)) }));
      else if (res.status === 429) setError(data.error?.message ?? errors("TOO_MANY_REQUESTS"));
      else setError(t("invalid"));
    } catch {
      setError(errors("network"));
    }
    setBusy(false);
  };

  // method="post": a submit before the page hydrates (or without JavaScript) posts to this page
  // instead of putting the password and code into its address, the history and the logs.
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <div role="alert">{error && <p className="status error">{error}</p>}</div>
      <label htmlFor="login">{kind === "staff" ? t("username") : t("email")}</label>
      <input id="login" name="login" type={kind === "staff" ? "text" : "email"} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
      <label htmlFor="password">{t("password")}</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <label htmlFor="code">{t("code")}</label>
      <span id="code-hint" className="hint">
        {t("codeHint")}
      </span>
      <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={8} aria-describedby="code-hint" required />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("checking") : t("submit")}
      </button>
    </form>
  );
}
