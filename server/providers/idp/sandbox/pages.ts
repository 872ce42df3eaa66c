import { LOCALE_TAGS, type Locale } from "../../../../locales/config";
import { SANDBOX_MESSAGES } from "./messages";

/** Plain server-rendered pages of the demo identity provider: no script, one inline style. */

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** The style is plain CSS with no external fonts; `nonce` matches the page's Content-Security-Policy. */
const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans KR","Noto Sans JP","Noto Sans SC","Noto Sans Thai",sans-serif;line-height:1.5;color:#111;background:#f4f5f7}
body{margin:0}
main{box-sizing:border-box;max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.3;margin:0 0 1rem}
.notice{margin:0 0 1.5rem;padding:.75rem 1rem;border:2px solid #7a4b00;border-left-width:.5rem;border-radius:.5rem;background:#fff6dc;color:#3d2600;font-weight:600}
.notice strong{display:block}
form{margin:0}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:600;font-size:1.1rem;margin:0 0 .75rem;padding:0}
ul{list-style:none;margin:0;padding:0;display:grid;gap:.625rem}
button{box-sizing:border-box;display:block;width:100%;min-height:48px;padding:.625rem 1rem;border:2px solid #0b3d91;border-radius:.5rem;background:#0b3d91;color:#fff;font:inherit;font-size:1.1rem;text-align:start;cursor:pointer}
button:hover{background:#082c6a}
button.secondary{margin-top:1.5rem;background:#fff;color:#0b3d91;text-align:center}
button.secondary:hover{background:#e8eefb}
button:focus-visible{outline:3px solid #111;outline-offset:3px;box-shadow:0 0 0 6px #ffd200}
dl{margin:1rem 0 0}dt{font-weight:600}dd{margin:0 0 .5rem;overflow-wrap:anywhere}
@media (forced-colors:active){button{border:2px solid ButtonText}button:focus-visible{outline:3px solid Highlight}.notice{border:2px solid CanvasText}}
`;

export interface Page {
  html: string;
  /** The Content-Security-Policy that lets exactly this page's inline style run. */
  csp: string;
}

function page(locale: Locale, title: string, body: string, nonce: string): Page {
  const html = `<!DOCTYPE html>
<html lang="${LOCALE_TAGS[locale]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
  // No form-action: browsers apply it to the redirects after a POST, which end at the client.
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; base-uri 'none'; frame-ancestors 'none'`;
  return { html, csp };
}

function notice(locale: Locale): string {
  return `<p class="notice" role="note">${escapeHtml(SANDBOX_MESSAGES[locale].notice)}</p>`;
}

export interface LoginCitizen {
  name: string;
  locale: Locale;
}

/** The sign-in page: heading, the demo notice, one submit button per demo resident, and Cancel. */
export function loginPage(input: { locale: Locale; action: string; citizens: LoginCitizen[]; nonce: string }): Page {
  const t = SANDBOX_MESSAGES[input.locale];
  const buttons = input.citizens
    .map(
      (c, index) =>
        `<li><button type="submit" name="citizen" value="${index}" lang="${LOCALE_TAGS[c.locale]}">${escapeHtml(c.name)}</button></li>`,
    )
    .join("\n");
  const body = `<h1>${escapeHtml(t.heading)}</h1>
${notice(input.locale)}
<form method="post" action="${escapeHtml(input.action)}">
<fieldset>
<legend>${escapeHtml(t.choose)}</legend>
<ul>
${buttons}
</ul>
</fieldset>
<button type="submit" name="cancel" value="1" class="secondary">${escapeHtml(t.cancel)}</button>
</form>`;
  return page(input.locale, t.heading, body, input.nonce);
}

/** An error page; `details` are shown as given (oidc-provider's codes and descriptions are English). */
export function errorPage(input: { locale: Locale; message?: string; details?: Record<string, string>; nonce: string }): Page {
  const t = SANDBOX_MESSAGES[input.locale];
  const entries = Object.entries(input.details ?? {});
  const details = entries.length
    ? `<dl lang="en">${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`
    : "";
  const body = `<h1>${escapeHtml(t.errorHeading)}</h1>
${notice(input.locale)}
${input.message ? `<p>${escapeHtml(input.message)}</p>` : ""}
${details}`;
  return page(input.locale, t.errorHeading, body, input.nonce);
}

/**
 * RP-initiated logout confirmation. `form` is oidc-provider's hidden form (id "op.logoutForm",
 * carrying the xsrf token); the two buttons submit it from outside via the `form` attribute.
 */
export function logoutPage(input: { locale: Locale; form: string; nonce: string }): Page {
  const t = SANDBOX_MESSAGES[input.locale];
  const body = `<h1>${escapeHtml(t.logoutHeading)}</h1>
${notice(input.locale)}
${input.form}
<ul>
<li><button type="submit" form="op.logoutForm" name="logout" value="yes">${escapeHtml(t.logoutYes)}</button></li>
<li><button type="submit" form="op.logoutForm" class="secondary">${escapeHtml(t.logoutNo)}</button></li>
</ul>`;
  return page(input.locale, t.logoutHeading, body, input.nonce);
}

export function loggedOutPage(input: { locale: Locale; nonce: string }): Page {
  const t = SANDBOX_MESSAGES[input.locale];
  const body = `<h1>${escapeHtml(t.loggedOut)}</h1>
${notice(input.locale)}`;
  return page(input.locale, t.loggedOut, body, input.nonce);
}
