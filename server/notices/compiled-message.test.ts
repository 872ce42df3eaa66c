import { IntlMessageFormat, type Formats, type Formatters } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../locales/config";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";
import { compileMessage, mergedFormats, type MessageValues } from "./compiled-message";

const FORMATS: Partial<Formats> = {
  number: { krw: { style: "currency", currency: "KRW" } },
  date: { legal: { year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Seoul" }, short: { month: "2-digit" } },
};
const FORMATTERS: Formatters = {
  getNumberFormat: (locale, options) => new Intl.NumberFormat(locale, options),
  getDateTimeFormat: (locale, options) => new Intl.DateTimeFormat(locale, { timeZone: "Asia/Seoul", ...options }),
  getPluralRules: (locale, options) => new Intl.PluralRules(locale, options),
};

/** The library's answer and the compiled one, as results or as the error thrown. */
function both(message: string, locale: string, values: MessageValues) {
  const library = new IntlMessageFormat(message, locale, FORMATS, { formatters: FORMATTERS });
  const compiled = compileMessage(library, locale, mergedFormats(FORMATS), FORMATTERS);
  const attempt = (fn: () => unknown) => {
    try {
      return { value: fn() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  return { library: attempt(() => library.format(values)), compiled: attempt(() => compiled(values)) };
}

const DUE = new Date("2026-11-30T03:00:00Z");
const SYNTHETIC: [string, MessageValues][] = [
  ["plain text only", {}],
  ["{name} owes {amount, number, krw} by {due, date, legal}", { name: "홍길동", amount: 1284000, due: DUE }],
  ["{n, plural, =0 {none} one {# item} other {# items}}", { n: 0 }],
  ["{n, plural, =0 {none} one {# item} other {# items}}", { n: 1 }],
  ["{n, plural, =0 {none} one {# item} other {# items}}", { n: 12345 }],
  ["{n, plural, offset:1 =1 {just you} one {you and # other} other {you and # others}}", { n: 3 }],
  ["{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}", { n: 22 }],
  ["{kind, select, tax {Tax {n, number}} fine {Fine} other {Other}}", { kind: "tax", n: 1234.5 }],
  ["{kind, select, tax {Tax} other {Other {kind}}}", { kind: "pension" }],
  ["{n, number, ::currency/KRW} {p, number, percent} {n, number, integer}", { n: 98765, p: 0.256 }],
  ["{d, date} {d, date, short} {d, date, long} {d, date, ::yyyyMMdd} {d, time} {d, time, short}", { d: DUE }],
  ["{year}년 {zero}", { year: 2025, zero: 0 }],
  ["<b>bold {name}</b>", { name: "x", b: ((chunks: string[]) => `[${chunks.join("")}]`) as never }],
  ["missing {nothing} here", {}],
  ["a date in a plain placeholder {d}", { d: DUE }],
  ["{n, plural, one {#} other {#}}", { n: "7" }],
];

describe("compiled messages", () => {
  for (const locale of LOCALES) {
    it(`match IntlMessageFormat for synthetic messages in ${locale}`, () => {
      for (const [message, values] of SYNTHETIC) {
        const { library, compiled } = both(message, locale, values);
        expect(compiled, message).toEqual(library);
      }
    });

    it(`match IntlMessageFormat for every demo template in ${locale}`, () => {
      for (const seed of DEMO_TEMPLATES) {
        const values: MessageValues = { agencyName: "기관" };
        for (const [name, value] of Object.entries(seed.example)) values[name] = seed.fields[name].type === "date" ? new Date(`${value}T03:00:00Z`) : value;
        for (const part of ["title", "summary", "body"] as const) {
          const { library, compiled } = both(seed.messages[locale][part], locale, values);
          expect(compiled, `${seed.kind}.${part}`).toEqual(library);
          expect(typeof library.value).toBe("string");
        }
      }
    });
  }
});
