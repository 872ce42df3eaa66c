import { z } from "zod";

/** Accessibility modes, kept in a cookie so the server renders them, and on the profile. */
export const TEXT_SIZES = [100, 125, 150, 200] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const preferencesSchema = z.object({
  textSize: z.union([z.literal(100), z.literal(125), z.literal(150), z.literal(200)]),
  screenReader: z.boolean(),
  highContrast: z.boolean(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { textSize: 100, screenReader: false, highContrast: false };

export const PREFERENCES_COOKIE = "moa-prefs";
export const PREFERENCES_MAX_AGE = 60 * 60 * 24 * 365;

/** Cookie value `<textSize>.<screenReader 0|1>.<highContrast 0|1>`, e.g. `200.0.1`. */
export function encodePreferences(p: Preferences): string {
  return `${p.textSize}.${p.screenReader ? 1 : 0}.${p.highContrast ? 1 : 0}`;
}

export function decodePreferences(value: string | undefined | null): Preferences {
  const m = /^(100|125|150|200)\.([01])\.([01])$/.exec(value ?? "");
  if (!m) return DEFAULT_PREFERENCES;
  return { textSize: Number(m[1]) as TextSize, screenReader: m[2] === "1", highContrast: m[3] === "1" };
}

/** Attributes for <html>: CSS keys every mode off them. */
export function preferenceAttributes(p: Preferences): Record<string, string | undefined> {
  return {
    "data-text": String(p.textSize),
    "data-sr": p.screenReader ? "on" : undefined,
    "data-contrast": p.highContrast ? "high" : undefined,
  };
}
