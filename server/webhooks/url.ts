/**
 * The endpoint an operator may set: https (http too outside production), no user:password part,
 * so neither a downgrade nor a credential ends up in the database or the audit log.
 * Returns the normalised URL, or null when it is not allowed.
 */
export function checkWebhookUrl(raw: string, production = process.env.NODE_ENV === "production"): string | null {
  if (raw.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const schemes = production ? ["https:"] : ["https:", "http:"];
  if (!schemes.includes(url.protocol) || !url.hostname || url.username || url.password) return null;
  url.hash = "";
  return url.href;
}
