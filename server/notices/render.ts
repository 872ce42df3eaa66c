import { hash } from "node:crypto";
// intl-messageformat is the engine under use-intl (the same hoisted copy, see package-lock.json).
// Compiling with it directly skips use-intl's per-call JSON cache keys, which cap it at a few thousand renders/s;
// render.test.ts checks that every output is identical to use-intl's `createTranslator`.
import { IntlMessageFormat, type Formats as MessageFormats, type Formatters } from "intl-messageformat";
import type { Locale, Localized } from "../../locales/config";
import { formats, TIME_ZONE } from "../../locales/formats";
import { daysInMonth } from "../calendar";
import { storableText } from "../db/storable-text";
import { compileMessage, mergedFormats, type MessageValues } from "./compiled-message";

export type FieldType = "text" | "krw" | "date" | "integer";

export interface FieldSpec {
  type: FieldType;
  required: boolean;
  label: Localized;
}

/** ICU MessageFormat strings per locale; placeholders name a field or `agencyName`. */
export interface TemplateForRender {
  agencyName: Localized;
  fieldSchema: Record<string, FieldSpec>;
  messages: Record<Locale, { title: string; summary: string; body: string }>;
}

/** A validated value: krw and integer as numbers, date as "YYYY-MM-DD", text as a trimmed string. */
export type FieldValue = string | number;

export type FieldIssue = {
  field: string;
  code: "missing" | "unknown" | "not_a_number" | "not_an_integer" | "negative" | "too_large" | "not_a_date" | "too_long" | "formula" | "invalid_character";
};

export interface RenderedNotice {
  title: string;
  summary: string;
  body: string;
}

/** The largest amount or integer accepted: ₩10 trillion, far below Number.MAX_SAFE_INTEGER. */
export const MAX_NUMBER = 10 ** 13;
/** The longest text value, in code points. */
export const MAX_TEXT_LENGTH = 500;

const DIGITS = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;
const DECIMAL = /^(?:\d*|\d{1,3}(?:,\d{3})+)\.\d+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

type Parsed = { value: FieldValue } | { code: FieldIssue["code"] };

/** A non-negative whole number from JSON (number) or CSV (string, thousands commas allowed). */
function parseNumber(raw: unknown): Parsed {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { code: "not_a_number" };
    if (raw < 0) return { code: "negative" };
    if (!Number.isInteger(raw)) return { code: "not_an_integer" };
    if (raw > MAX_NUMBER) return { code: "too_large" };
    return { value: raw + 0 }; // -0 → 0
  }
  if (typeof raw !== "string") return { code: "not_a_number" };
  const s = raw.trim();
  const unsigned = s.startsWith("-") ? s.slice(1) : s;
  const numeric = DIGITS.test(unsigned) || DECIMAL.test(unsigned);
  if (!numeric) return { code: "not_a_number" };
  if (unsigned !== s && /[1-9]/.test(unsigned)) return { code: "negative" };
  if (!DIGITS.test(unsigned)) return { code: "not_an_integer" };
  const value = Number(unsigned.replaceAll(",", ""));
  if (value > MAX_NUMBER) return { code: "too_large" };
  return { value };
}

/** [year, month, day] of a real Gregorian "YYYY-MM-DD" from 1900 on, else null. */
function dateParts(s: string): [number, number, number] | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return [year, month, day];
}

function parseDate(raw: unknown): Parsed {
  if (typeof raw !== "string") return { code: "not_a_date" };
  const s = raw.trim();
  return dateParts(s) ? { value: s } : { code: "not_a_date" };
}

function parseText(raw: unknown): Parsed {
  // A number is accepted as its decimal text (e.g. a phone extension sent as JSON 1355).
  const original = typeof raw === "number" && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof original !== "string") return { code: "missing" }; // an object, array or boolean is no text
  const s = original.trim().normalize("NFC");
  // Reject, don't escape: an escape (a leading ') would alter the legal text and its hash, and any CSV report that misses it runs the formula.
  if (FORMULA_START.test(original) || FORMULA_START.test(s)) return { code: "formula" };
  if (!storableText(s)) return { code: "invalid_character" };
  let length = 0;
  for (const _ of s) if (++length > MAX_TEXT_LENGTH) return { code: "too_long" };
  return { value: s };
}

const PARSERS: Record<FieldType, (raw: unknown) => Parsed> = {
  krw: parseNumber,
  integer: parseNumber,
  date: parseDate,
  text: parseText,
};

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
}

/** Validates and normalizes raw field values (from JSON: numbers or strings; from CSV: always strings). */
export function validateFields(
  schema: Record<string, FieldSpec>,
  raw: Record<string, unknown>,
): { ok: true; fields: Record<string, FieldValue> } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const fields: Record<string, FieldValue> = {};
  for (const [field, spec] of Object.entries(schema)) {
    const value = Object.hasOwn(raw, field) ? raw[field] : undefined;
    if (isBlank(value)) {
      if (spec.required) issues.push({ field, code: "missing" });
      continue;
    }
    const parsed = PARSERS[spec.type](value);
    if ("code" in parsed) issues.push({ field, code: parsed.code });
    else fields[field] = parsed.value;
  }
  for (const field of Object.keys(raw)) if (!Object.hasOwn(schema, field)) issues.push({ field, code: "unknown" });
  return issues.length ? { ok: false, issues } : { ok: true, fields };
}

// ---------------------------------------------------------------------------------------------
// Rendering

/**
 * The shared formats as intl-messageformat takes them, built exactly as use-intl does
 * (`convertFormatsToIntlMessageFormat`): `dateTime` serves both date and time, and Seoul time is
 * merged into every date and time format.
 */
function messageFormats(): Partial<MessageFormats> {
  const withZone = (base: Record<string, Intl.DateTimeFormatOptions>) =>
    Object.fromEntries(Object.entries({ ...base, ...formats.dateTime }).map(([k, v]) => [k, { timeZone: TIME_ZONE, ...v }]));
  return {
    date: withZone(IntlMessageFormat.formats.date),
    time: withZone(IntlMessageFormat.formats.time),
    number: { ...formats.number },
  };
}
const MESSAGE_FORMATS = messageFormats();
const MERGED_FORMATS = mergedFormats(MESSAGE_FORMATS);

/** Formatted values kept per Intl formatter: an ingest run repeats a few due dates, and a notice its amount. */
const MEMO_LIMIT = 4096;

/** A formatter whose `format` (all intl-messageformat calls on it) remembers recent results. */
function remembering<F extends Intl.NumberFormat | Intl.DateTimeFormat>(formatter: F): F {
  const results = new Map<unknown, string>();
  const format = formatter.format;
  return {
    format(value: number | bigint | Date) {
      const key = value instanceof Date ? value.getTime() : value;
      let text = results.get(key);
      if (text === undefined) {
        text = format(value as never);
        if (results.size >= MEMO_LIMIT) results.clear();
        results.set(key, text);
      }
      return text;
    },
  } as F;
}

/**
 * Intl formatters shared by all compiled messages. intl-messageformat passes the same options object
 * for a named format on every call, so it keys the cache; use-intl's default serializes it instead.
 */
function createFormatters(): Formatters {
  const NONE = {};
  const byOptions = <F>(make: (locale: string | string[] | undefined, options: never) => F) => {
    const cache = new WeakMap<object, Map<string, F>>();
    return (locale?: string | string[], options?: object): F => {
      let perLocale = cache.get(options ?? NONE);
      if (!perLocale) cache.set(options ?? NONE, (perLocale = new Map()));
      const key = String(locale);
      let formatter = perLocale.get(key);
      if (!formatter) perLocale.set(key, (formatter = make(locale, options as never)));
      return formatter;
    };
  };
  const pluralRules = new Map<string, Intl.PluralRules>();
  return {
    getNumberFormat: byOptions((locale, options: Intl.NumberFormatOptions) => remembering(new Intl.NumberFormat(locale, options))),
    // Seoul also for date skeletons (`{d, date, ::yyyyMMdd}`), as use-intl does (formatjs issue 4279).
    getDateTimeFormat: byOptions((locale, options?: Intl.DateTimeFormatOptions) =>
      remembering(new Intl.DateTimeFormat(locale, { ...options, timeZone: options?.timeZone ?? TIME_ZONE })),
    ),
    getPluralRules(locale, options) {
      const key = `${String(locale)}|${options?.type ?? "cardinal"}`;
      let rules = pluralRules.get(key);
      if (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(locale, options)));
      return rules;
    },
  };
}
const FORMATTERS = createFormatters();

const PARTS = ["title", "summary", "body"] as const;

interface Compiled {
  messages: Record<(typeof PARTS)[number], (values: MessageValues) => unknown>;
  agencyName: string;
  fields: [name: string, type: FieldType][];
}

/** Compiled messages per template object and locale: templates are immutable once loaded. */
const compiled = new WeakMap<TemplateForRender, Partial<Record<Locale, Compiled>>>();

function compile(template: TemplateForRender, locale: Locale): Compiled {
  let perLocale = compiled.get(template);
  if (!perLocale) compiled.set(template, (perLocale = {}));
  const hit = perLocale[locale];
  if (hit) return hit;
  const source = template.messages[locale];
  if (!source) throw new Error(`template has no messages for locale ${locale}`);
  const agencyName = template.agencyName[locale];
  if (!agencyName) throw new Error(`agency has no name for locale ${locale}`);
  const messages = {} as Compiled["messages"];
  for (const part of PARTS) {
    try {
      messages[part] = compileMessage(new IntlMessageFormat(source[part], locale, MESSAGE_FORMATS, { formatters: FORMATTERS }), locale, MERGED_FORMATS, FORMATTERS);
    } catch (error) {
      throw new Error(`template message ${locale}.${part} does not parse: ${(error as Error).message}`, { cause: error });
    }
  }
  const entry: Compiled = {
    messages,
    agencyName,
    fields: Object.entries(template.fieldSchema).map(([name, spec]) => [name, spec.type]),
  };
  perLocale[locale] = entry;
  return entry;
}

/**
 * A date field as a Date at noon in Seoul. Any date format in Seoul time then shows this calendar date,
 * whatever the process time zone, and with margin for Seoul's historical offsets (+08:30, summer time).
 */
function seoulNoon(field: string, value: FieldValue): Date {
  const parts = typeof value === "string" ? dateParts(value) : null;
  if (!parts) throw new TypeError(`field ${field} is not a "YYYY-MM-DD" date: ${JSON.stringify(value)}`);
  const [year, month, day] = parts;
  return new Date(Date.UTC(year, month - 1, day, 3)); // 12:00 at UTC+9
}

/** Renders a notice in one locale from validated fields (see validateFields). Throws on a missing field. */
export function renderNotice(template: TemplateForRender, fields: Record<string, FieldValue>, locale: Locale): RenderedNotice {
  const c = compile(template, locale);
  const values: Record<string, string | number | Date> = { agencyName: c.agencyName };
  for (const [name, type] of c.fields) {
    if (!Object.hasOwn(fields, name)) continue; // the message fails below if it needs the field
    const value = fields[name];
    if (type === "date") values[name] = seoulNoon(name, value);
    else if (type === "text" || typeof value === "number") values[name] = value;
    else throw new TypeError(`field ${name} (${type}) is not a number: ${JSON.stringify(value)}`);
  }
  const out = {} as RenderedNotice;
  for (const part of PARTS) {
    let text: unknown;
    try {
      text = c.messages[part](values);
    } catch (error) {
      throw new Error(`template message ${locale}.${part}: ${(error as Error).message}`, { cause: error });
    }
    // A Date in a plain `{x}` placeholder comes back as an object: the template needs `{x, date, legal}`.
    if (typeof text !== "string") throw new Error(`template message ${locale}.${part} does not render to text; use {x, date, legal} for dates`);
    out[part] = text;
  }
  return out;
}

/** The Korean original as sent: one canonical text, title, summary and body joined by blank lines. */
export function koreanOriginalText(template: TemplateForRender, fields: Record<string, FieldValue>): string {
  const { title, summary, body } = renderNotice(template, fields, "ko");
  return `${title}\n\n${summary}\n\n${body}`;
}

/** The Korean original and its SHA-256 hex (of its UTF-8 bytes). */
export function koreanOriginal(template: TemplateForRender, fields: Record<string, FieldValue>): { text: string; sha256: string } {
  const text = koreanOriginalText(template, fields);
  return { text, sha256: hash("sha256", text, "hex") };
}
