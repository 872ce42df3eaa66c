import { createHash } from "node:crypto";
import { createTranslator } from "use-intl/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCALES } from "../../locales/config";
import { formats, TIME_ZONE } from "../../locales/formats";
import { DEMO_AGENCIES } from "../../prisma/seed/data";
import { DEMO_TEMPLATES, type TemplateSeed } from "../../prisma/seed/templates";
import { koreanOriginal, renderNotice, validateFields, type FieldIssue, type FieldSpec, type FieldValue, type TemplateForRender } from "./render";

function forRender(seed: TemplateSeed): TemplateForRender {
  const agency = DEMO_AGENCIES.find((a) => a.code === seed.agency);
  if (!agency) throw new Error(`no demo agency ${seed.agency}`);
  return { agencyName: agency.name, fieldSchema: seed.fields, messages: seed.messages };
}

function valid(template: TemplateForRender, raw: Record<string, unknown>): Record<string, FieldValue> {
  const result = validateFields(template.fieldSchema, raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.fields;
}

/** A fresh copy: a new identity, so nothing compiled earlier is reused. */
const fresh = (t: TemplateForRender): TemplateForRender => structuredClone(t);

const label = { ko: "", en: "", ja: "", zh: "", th: "", vi: "" };
const spec = (type: FieldSpec["type"], required = true): FieldSpec => ({ type, required, label });

/** The same message through use-intl, the way the app formats its own messages. */
function viaUseIntl(message: string, locale: string, values: Record<string, unknown>): string {
  const t = createTranslator({ locale, messages: { m: message }, formats, timeZone: TIME_ZONE, onError: (e) => { throw e; } });
  return t("m", values as never);
}

const nts = forRender(DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!);
const ntsExample = DEMO_TEMPLATES.find((t) => t.kind === "national-income-tax")!.example;

describe("demo templates", () => {
  for (const seed of DEMO_TEMPLATES) {
    const template = forRender(seed);

    it(`${seed.kind}: the example validates unchanged`, () => {
      expect(validateFields(template.fieldSchema, seed.example)).toEqual({ ok: true, fields: seed.example });
    });

    it(`${seed.kind}: renders in all six locales with every placeholder filled, as use-intl would`, () => {
      const fields = valid(template, seed.example);
      for (const locale of LOCALES) {
        const rendered = renderNotice(template, fields, locale);
        const values: Record<string, unknown> = { agencyName: template.agencyName[locale] };
        for (const [name, s] of Object.entries(template.fieldSchema))
          values[name] = s.type === "date" ? new Date(`${fields[name]}T00:00:00+09:00`) : fields[name];
        for (const part of ["title", "summary", "body"] as const) {
          const text = rendered[part];
          expect(text, `${locale}.${part}`).not.toMatch(/[{}]/);
          expect(text.trim(), `${locale}.${part}`).not.toBe("");
          expect(text, `${locale}.${part}`).toBe(viaUseIntl(template.messages[locale][part], locale, values));
          if (template.messages[locale][part].includes("{agencyName}")) expect(text).toContain(template.agencyName[locale]);
        }
      }
    });

    it(`${seed.kind}: amounts print in won with thousands separators, never compact`, () => {
      const amounts = Object.entries(template.fieldSchema).filter(([, s]) => s.type === "krw");
      const fields = valid(template, { ...seed.example, ...Object.fromEntries(amounts.map(([name]) => [name, 12_345_678])) });
      for (const locale of LOCALES) {
        const { summary, body } = renderNotice(template, fields, locale);
        const expected = locale === "vi" ? "12.345.678\u00a0₩" : "₩12,345,678";
        if (amounts.length) expect(`${summary}\n${body}`, locale).toContain(expected);
        expect(`${summary}\n${body}`, locale).not.toMatch(/1235만|1235万|12M|12\s?Tr/); // compact forms
      }
    });
  }
});

describe("renderNotice", () => {
  const dueOn = (date: string) => valid(nts, { ...ntsExample, dueDate: date });
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it("prints the field's calendar date in every locale, whatever the process time zone", async () => {
    for (const tz of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Los_Angeles", "UTC", "Asia/Seoul"]) {
      process.env.TZ = tz;
      expect(new Date(Date.UTC(2026, 4, 31, 12)).getHours(), tz).toBe({ "Pacific/Kiritimati": 2, "Pacific/Pago_Pago": 1, "America/Los_Angeles": 5, UTC: 12, "Asia/Seoul": 21 }[tz]);
      vi.resetModules(); // a fresh module: Intl formatters made under this zone
      const { renderNotice: render } = await import("./render");
      const at = (locale: (typeof LOCALES)[number]) => render(nts, dueOn("2026-05-31"), locale).summary;
      expect(at("en"), tz).toContain("May 31, 2026");
      expect(at("ko"), tz).toContain("2026년 5월 31일");
      expect(at("ja"), tz).toContain("2026年5月31日");
      expect(at("zh"), tz).toContain("2026年5月31日");
      expect(at("th"), tz).toContain("31 พฤษภาคม 2026"); // Gregorian, not the Buddhist 2569
      expect(at("vi"), tz).toContain("31 tháng 5, 2026");
      expect(render(nts, dueOn("2026-01-01"), "en").summary, tz).toContain("January 1, 2026");
      expect(render(nts, dueOn("2026-12-31"), "en").summary, tz).toContain("December 31, 2026");
    }
  });

  it("prints integers plainly (a year is not 2,025) and the agency in the reader's language", () => {
    const fields = valid(nts, ntsExample);
    expect(renderNotice(nts, fields, "en").title).toBe("Comprehensive income tax bill for 2025");
    expect(renderNotice(nts, fields, "en").body).toContain("the National Tax Service");
    expect(renderNotice(nts, fields, "ko").summary).toBe("2025년 귀속 종합소득세 ₩1,284,000의 납부기한은 2026년 11월 30일입니다.");
  });

  it("inserts values as text, never as ICU syntax", () => {
    const fields = valid(nts, { ...ntsExample, taxOffice: "{agencyName} 세무서 '{x}' <b>#</b>" });
    expect(renderNotice(nts, fields, "ko").body).toContain("{agencyName} 세무서 '{x}' <b>#</b>에서");
  });

  it("throws on a missing or mistyped field instead of printing a placeholder", () => {
    const { taxOffice: _, ...withoutOffice } = valid(nts, ntsExample);
    expect(() => renderNotice(nts, withoutOffice, "ko")).toThrow(/taxOffice/);
    expect(() => renderNotice(nts, { ...valid(nts, ntsExample), dueDate: "2026-02-30" }, "ko")).toThrow(/dueDate/);
    expect(() => renderNotice(nts, { ...valid(nts, ntsExample), taxAmount: "1284000" }, "ko")).toThrow(/taxAmount/);
  });

  it("rejects a template that prints a date without a date format", () => {
    const broken = fresh(nts);
    broken.messages.ko.title = "{dueDate}";
    expect(() => renderNotice(broken, valid(nts, ntsExample), "ko")).toThrow(/date, legal/);
  });

  it("reuses compiled messages for the same template object and compiles a changed copy afresh", () => {
    const fields = valid(nts, ntsExample);
    const first = renderNotice(nts, fields, "ko");
    expect(renderNotice(nts, fields, "ko")).toEqual(first);
    const changed = fresh(nts);
    changed.messages.ko.title = "바뀐 제목 {taxYear}";
    expect(renderNotice(changed, fields, "ko").title).toBe("바뀐 제목 2025");
    expect(renderNotice(nts, fields, "ko").title).toBe(first.title);
  });
});

describe("validateFields", () => {
  const schema: Record<string, FieldSpec> = {
    amount: spec("krw"),
    count: spec("integer"),
    due: spec("date"),
    note: spec("text"),
    memo: spec("text", false),
  };
  const good = { amount: "12,345", count: "3", due: "2026-05-31", note: "종로세무서" };
  const issue = (raw: Record<string, unknown>): FieldIssue[] => {
    const result = validateFields(schema, { ...good, ...raw });
    return result.ok ? [] : result.issues;
  };
  const codeOf = (field: string, value: unknown) => issue({ [field]: value });

  it("normalizes CSV strings and JSON values", () => {
    expect(validateFields(schema, { amount: " 12,345 ", count: "2,025", due: " 2024-02-29 ", note: "  종로세무서 \n", memo: "" })).toEqual({
      ok: true,
      fields: { amount: 12345, count: 2025, due: "2024-02-29", note: "종로세무서" },
    });
    expect(validateFields(schema, { amount: 12345, count: 0, due: "2026-05-31", note: 1355, memo: "메모" })).toEqual({
      ok: true,
      fields: { amount: 12345, count: 0, due: "2026-05-31", note: "1355", memo: "메모" },
    });
    expect(validateFields(schema, { ...good, amount: "12345", count: "007" })).toMatchObject({ fields: { amount: 12345, count: 7 } });
    expect(validateFields(schema, { ...good, amount: 10 ** 13, count: "10,000,000,000,000" })).toMatchObject({ ok: true });
    // Decomposed Hangul (as macOS may send it) is stored composed, so the original hashes the same.
    expect(validateFields(schema, { ...good, note: "종로".normalize("NFD") })).toMatchObject({ fields: { note: "종로" } });
  });

  it("missing: a required field absent, null or blank", () => {
    const { note: _, ...withoutNote } = good;
    expect(validateFields(schema, withoutNote)).toEqual({ ok: false, issues: [{ field: "note", code: "missing" }] });
    expect(codeOf("note", null)).toEqual([{ field: "note", code: "missing" }]);
    expect(codeOf("amount", "  ")).toEqual([{ field: "amount", code: "missing" }]);
    expect(codeOf("note", { text: "x" })).toEqual([{ field: "note", code: "missing" }]);
  });

  it("unknown: a field the template does not have, so a typo surfaces", () => {
    expect(issue({ ammount: "1" })).toEqual([{ field: "ammount", code: "unknown" }]);
    expect(issue({ constructor: "x" })).toEqual([{ field: "constructor", code: "unknown" }]);
  });

  it("not_a_number", () => {
    for (const value of ["abc", "1e5", "₩12,345", "12 345", "1,2,3", "12,34", "+5", "0x10", Number.NaN, Infinity, true])
      expect(codeOf("amount", value), String(value)).toEqual([{ field: "amount", code: "not_a_number" }]);
    expect(codeOf("count", "three")).toEqual([{ field: "count", code: "not_a_number" }]);
  });

  it("not_an_integer", () => {
    for (const value of ["12.5", "12,345.00", 12.5, ".5"]) expect(codeOf("amount", value), String(value)).toEqual([{ field: "amount", code: "not_an_integer" }]);
    expect(codeOf("count", "2.5")).toEqual([{ field: "count", code: "not_an_integer" }]);
  });

  it("negative", () => {
    for (const value of ["-1", "-12,345", -5, "-0.5"]) expect(codeOf("amount", value), String(value)).toEqual([{ field: "amount", code: "negative" }]);
    expect(codeOf("count", -1)).toEqual([{ field: "count", code: "negative" }]);
  });

  it("too_large: above 10^13", () => {
    for (const value of [10 ** 13 + 1, "10,000,000,000,001", "99999999999999999999", Number.MAX_SAFE_INTEGER])
      expect(codeOf("amount", value), String(value)).toEqual([{ field: "amount", code: "too_large" }]);
    expect(codeOf("count", 2 ** 60)).toEqual([{ field: "count", code: "too_large" }]);
  });

  it("not_a_date: not YYYY-MM-DD or not on the calendar", () => {
    for (const value of ["2026-02-30", "2026-02-29", "2025-04-31", "2026-13-01", "2026-00-10", "2026-5-31", "2026/05/31", "31.05.2026", "2026-05-31T00:00:00Z", "0202-05-31", 46173])
      expect(codeOf("due", value), String(value)).toEqual([{ field: "due", code: "not_a_date" }]);
  });

  it("too_long: over 500 characters after trimming", () => {
    expect(codeOf("note", "가".repeat(500))).toEqual([]);
    expect(codeOf("note", ` ${"가".repeat(500)} `)).toEqual([]);
    expect(codeOf("note", "가".repeat(501))).toEqual([{ field: "note", code: "too_long" }]);
    expect(codeOf("note", "😀".repeat(500))).toEqual([]); // characters, not UTF-16 units
  });

  it("formula: text a spreadsheet would run", () => {
    for (const value of ['=HYPERLINK("https://evil.example","환급금 받기")', "+82 2 2148 2345", "-1+1", "@SUM(A1)", "\tx", "\rx", "  =1+1"])
      expect(codeOf("note", value), JSON.stringify(value)).toEqual([{ field: "note", code: "formula" }]);
    expect(codeOf("memo", "=1")).toEqual([{ field: "memo", code: "formula" }]);
    expect(codeOf("note", "1+1=2, a@b")).toEqual([]);
  });

  it("invalid_character: a NUL or a lone surrogate, which PostgreSQL cannot store", () => {
    for (const value of ["\0", "종로\0세무서", "x\0", "종로\ud800", "\udc00세무서"]) expect(codeOf("note", value), JSON.stringify(value)).toEqual([{ field: "note", code: "invalid_character" }]);
    expect(codeOf("note", "종로\u0001세무서 😀")).toEqual([]);
  });

  it("returns every issue of a row, in schema order, unknown fields last", () => {
    expect(validateFields(schema, { amount: "12.5", count: "-3", due: "2026-02-30", note: "=cmd", memo: "x".repeat(501), extra: 1 })).toEqual({
      ok: false,
      issues: [
        { field: "amount", code: "not_an_integer" },
        { field: "count", code: "negative" },
        { field: "due", code: "not_a_date" },
        { field: "note", code: "formula" },
        { field: "memo", code: "too_long" },
        { field: "extra", code: "unknown" },
      ],
    });
    expect(validateFields(schema, {})).toEqual({
      ok: false,
      issues: ["amount", "count", "due", "note"].map((field) => ({ field, code: "missing" })),
    });
  });
});

describe("koreanOriginal", () => {
  const fields = valid(nts, ntsExample);

  it("is the Korean rendering, title, summary and body separated by blank lines, with its SHA-256", () => {
    const { title, summary, body } = renderNotice(nts, fields, "ko");
    const original = koreanOriginal(nts, fields);
    expect(original.text).toBe(`${title}\n\n${summary}\n\n${body}`);
    expect(original.sha256).toBe(createHash("sha256").update(Buffer.from(original.text, "utf8")).digest("hex"));
    expect(original.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the same bytes for the same input, also from a fresh template and from CSV strings", () => {
    const a = koreanOriginal(nts, fields);
    expect(koreanOriginal(nts, fields)).toEqual(a);
    expect(koreanOriginal(fresh(nts), { ...fields })).toEqual(a);
    const csv = Object.fromEntries(Object.entries(ntsExample).map(([k, v]) => [k, String(v)]));
    expect(koreanOriginal(nts, valid(nts, { ...csv, taxAmount: "1,284,000" }))).toEqual(a);
  });

  it("changes when any field changes", () => {
    const base = koreanOriginal(nts, fields).sha256;
    const changes: Record<string, FieldValue>[] = [{ taxAmount: 1284001 }, { dueDate: "2026-12-01" }, { taxOffice: "종로세무서 납세자보호실" }, { taxYear: 2024 }];
    for (const change of changes)
      expect(koreanOriginal(nts, { ...fields, ...change }).sha256, JSON.stringify(change)).not.toBe(base);
  });
});
