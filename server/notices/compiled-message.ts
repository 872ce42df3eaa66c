import {
  isArgumentElement,
  isDateElement,
  isDateTimeSkeleton,
  isLiteralElement,
  isNumberElement,
  isNumberSkeleton,
  isPluralElement,
  isPoundElement,
  isSelectElement,
  isTimeElement,
  type MessageFormatElement,
} from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat, type Formats, type Formatters } from "intl-messageformat";

export type MessageValues = Record<string, string | number | Date>;

/** A piece of a message: its text, or undefined when only IntlMessageFormat can answer (an error, a non-text value). */
type Piece = string | ((values: MessageValues, pluralValue: number | undefined) => string | undefined);

function join(pieces: Piece[], values: MessageValues, pluralValue: number | undefined): string | undefined {
  let out = "";
  for (const piece of pieces) {
    if (typeof piece === "string") out += piece;
    else {
      const text = piece(values, pluralValue);
      if (text === undefined) return undefined;
      out += text;
    }
  }
  return out;
}

/** The formats IntlMessageFormat uses for `overrides`: its defaults merged per named format, as it merges them. */
export function mergedFormats(overrides: Partial<Formats>): Formats {
  const merged = {} as Formats;
  for (const kind of ["number", "date", "time"] as const) {
    const base = IntlMessageFormat.formats[kind] as Record<string, object>;
    const extra = (overrides[kind] ?? {}) as Record<string, object>;
    const out: Record<string, object> = { ...base, ...extra };
    for (const name of Object.keys(base)) out[name] = { ...base[name], ...extra[name] };
    (merged as unknown as Record<string, unknown>)[kind] = out;
  }
  return merged;
}

/**
 * Turns a parsed message into pieces, with the Intl formatter of every placeholder looked up once.
 * Returns null for what it does not handle (rich-text tags), so the caller keeps IntlMessageFormat.
 * Same rules as intl-messageformat's formatToParts, which a million-notice ingest would otherwise
 * walk three times per notice.
 */
function compileElements(els: MessageFormatElement[], locale: string, formats: Formats, formatters: Formatters): Piece[] | null {
  const pieces: Piece[] = [];
  for (const el of els) {
    if (isLiteralElement(el)) {
      pieces.push(el.value);
    } else if (isPoundElement(el)) {
      const format = formatters.getNumberFormat(locale);
      pieces.push((_values, pluralValue) => (typeof pluralValue === "number" ? format.format(pluralValue) : ""));
    } else if (isArgumentElement(el)) {
      const name = el.value;
      pieces.push((values) => {
        if (!(name in values)) return undefined;
        const value = values[name];
        if (typeof value === "string") return value;
        if (typeof value === "number") return String(value);
        return undefined; // a Date in a plain placeholder is not text
      });
    } else if (isDateElement(el) || isTimeElement(el)) {
      const named = isDateElement(el) ? formats.date : formats.time;
      const style = typeof el.style === "string" ? named[el.style] : isDateTimeSkeleton(el.style) ? el.style.parsedOptions : isDateElement(el) ? undefined : formats.time.medium;
      const format = formatters.getDateTimeFormat(locale, style);
      const name = el.value;
      pieces.push((values) => (name in values ? format.format(values[name] as Date | number) : undefined));
    } else if (isNumberElement(el)) {
      const style = typeof el.style === "string" ? formats.number[el.style] : isNumberSkeleton(el.style) ? el.style.parsedOptions : undefined;
      const format = formatters.getNumberFormat(locale, style);
      const scale = (style as { scale?: number } | undefined)?.scale;
      const name = el.value;
      pieces.push((values) => (name in values ? format.format(scale ? (values[name] as number) * scale : (values[name] as number)) : undefined));
    } else if (isSelectElement(el) || isPluralElement(el)) {
      const options = new Map<string, Piece[]>();
      for (const [key, option] of Object.entries(el.options)) {
        const compiled = compileElements(option.value, locale, formats, formatters);
        if (!compiled) return null;
        options.set(key, compiled);
      }
      const name = el.value;
      if (isSelectElement(el)) {
        pieces.push((values) => {
          if (!(name in values)) return undefined;
          const option = options.get(String(values[name])) ?? options.get("other");
          return option && join(option, values, undefined);
        });
      } else {
        const rules = formatters.getPluralRules(locale, { type: el.pluralType });
        const offset = el.offset || 0;
        pieces.push((values) => {
          if (!(name in values) || typeof values[name] !== "number") return undefined;
          const value = values[name];
          const option = options.get(`=${value}`) ?? options.get(rules.select(value - offset)) ?? options.get("other");
          return option && join(option, values, value - offset);
        });
      }
    } else {
      return null;
    }
  }
  return pieces;
}

/**
 * A message as a function of its values, with IntlMessageFormat's output (and, through it, its
 * errors): the compiled pieces when they can answer, the library otherwise.
 */
export function compileMessage(message: IntlMessageFormat, locale: string, formats: Formats, formatters: Formatters): (values: MessageValues) => unknown {
  const pieces = compileElements(message.getAst(), locale, formats, formatters);
  if (!pieces) return (values) => message.format(values);
  return (values) => join(pieces, values, undefined) ?? message.format(values);
}
