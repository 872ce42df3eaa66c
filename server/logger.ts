import pino from "pino";

/**
 * The one logger. Anything that could carry a resident registration number is redacted by key,
 * and `scrubRrn` masks RRN-shaped digits in free text before it is logged.
 */
export const REDACTED_KEYS = ["rrn", "*.rrn", "*.*.rrn", "recipient.rrn", "password", "*.password", "secret", "*.secret", "cookie", "authorization"];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: { paths: REDACTED_KEYS, censor: "[redacted]" },
  base: { pid: process.pid },
});

const RRN_SHAPE = /\b(\d{6})[-\s]?(\d{7})\b/g;

export function scrubRrn(text: string): string {
  return text.replace(RRN_SHAPE, "[rrn]");
}
