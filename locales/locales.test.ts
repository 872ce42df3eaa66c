import { readFileSync } from "node:fs";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./config";
import { formats, TIME_ZONE } from "./formats";

type Tree = { [key: string]: string | Tree };
const load = (l: string): Tree => JSON.parse(readFileSync(`locales/${l}.json`, "utf8"));
const flat = (o: Tree, p = ""): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[p + k, v] as [string, string]] : flat(v, `${p}${k}.`)));

const messages = Object.fromEntries(LOCALES.map((l) => [l, Object.fromEntries(flat(load(l)))]));

function argumentsOf(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((e) => {
    if (e.type === TYPE.literal || e.type === TYPE.pound) return [];
    const own = "value" in e && typeof e.value === "string" ? [e.value] : [];
    const nested = "options" in e ? Object.values(e.options).flatMap((o) => argumentsOf(o.value)) : [];
    return [...own, ...nested];
  });
}

/** Formats one ICU message the way the app does: shared formats, Seoul time. */
function format(locale: string, message: string, values: Record<string, unknown>): string {
  return createTranslator({ locale, messages: { m: message }, formats, timeZone: TIME_ZONE })("m", values as never);
}

/** The words a reader sees: literals only, with ICU syntax and argument names removed. */
function literalsOf(elements: MessageFormatElement[]): string {
  return elements
    .map((e) => (e.type === TYPE.literal ? e.value : "options" in e ? Object.values(e.options).map((o) => literalsOf(o.value)).join(" ") : " "))
    .join("");
}

describe("message files", () => {
  it("have identical keys in all six locales", () => {
    const reference = Object.keys(messages.en).sort();
    for (const l of LOCALES) expect(Object.keys(messages[l]).sort(), l).toEqual(reference);
  });

  it("parse as ICU and use the same arguments as English", () => {
    for (const l of LOCALES)
      for (const [key, text] of Object.entries(messages[l])) {
        const args = new Set(argumentsOf(parse(text)));
        expect(args, `${l}:${key}`).toEqual(new Set(argumentsOf(parse(messages.en[key]))));
      }
  });

  it("leave no English behind in the other locales", () => {
    const allowed = new Set(["Moa", "Android", "Chrome", "Samsung", "Internet", "iPhone", "iPad", "Safari", "Edge"]);
    for (const l of LOCALES.filter((x) => x !== "en"))
      for (const [key, text] of Object.entries(messages[l])) {
        const words = (literalsOf(parse(text)).match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !allowed.has(w));
        if (l === "vi") continue; // Vietnamese is Latin script; checked by the key comparison below
        expect(words, `${l}:${key}`).toEqual([]);
      }
    for (const [key, text] of Object.entries(messages.vi)) {
      if (!/^\{|^[A-Z]+$/.test(text) && text.length > 12) expect(text, `vi:${key}`).not.toBe(messages.en[key]);
    }
  });

  it("use ICU plurals where counts are shown", () => {
    const agencies = (locale: string, count: number) => format(locale, messages[locale]["landing.agencies"], { count });
    expect(agencies("en", 1)).toBe("1 agency sends notices through Moa.");
    expect(agencies("en", 7)).toBe("7 agencies send notices through Moa.");
    expect(agencies("ko", 7)).toBe("7개 기관이 모아로 알림을 보냅니다.");
    expect(agencies("vi", 0)).toBe(messages.vi["landing.agencies"].match(/=0 \{([^}]*)\}/)![1]);
  });
});

describe("shared formats", () => {
  const when = new Date("2025-03-05T15:30:00Z"); // 2025-03-06 00:30 in Seoul
  const fmt = format;

  it("shows legal dates in Seoul time and the Gregorian year, also in Thai", () => {
    expect(fmt("ko", "{d, date, legal}", { d: when })).toBe("2025년 3월 6일");
    const th = fmt("th", "{d, date, legal}", { d: when });
    expect(th).toContain("2025");
    expect(th).not.toContain("2568");
  });

  it("writes won without compact notation, Vietnamese with the symbol after", () => {
    expect(fmt("ko", "{a, number, krw}", { a: 12345678 })).toBe("₩12,345,678");
    expect(fmt("vi", "{a, number, krw}", { a: 1234567 })).toBe("1.234.567\u00a0₩") // a no-break space keeps the symbol with the number;
    expect(fmt("en", "{a, number, krw}", { a: 450000 })).toBe("₩450,000");
  });
});
