import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { checkDigit, checkRrn, containsRrn, maskRrns, normaliseRrn, rrnToCi } from "./rrn";

describe("RRN validation", () => {
  it("accepts citizens and foreigners of every century digit", () => {
    expect(checkRrn("480315-2123459")).toMatchObject({ ok: true, foreigner: false, birthDate: "1948-03-15", checkDigitValid: true });
    expect(checkRrn("0304028123456")).toMatchObject({ ok: true, foreigner: true, birthDate: "2003-04-02" });
    expect(checkRrn("990101-9000000")).toMatchObject({ ok: true, birthDate: "1899-01-01" });
    expect(checkRrn("990101-0000000")).toMatchObject({ ok: true, birthDate: "1899-01-01" });
  });

  it("reports the legacy check digit without requiring it", () => {
    const r = checkRrn("480315-2123450");
    expect(r.ok).toBe(true);
    expect(r.checkDigitValid).toBe(false);
    expect(checkDigit("480315212345")).toBe(9);
  });

  it("rejects bad shapes, dates and gender digits", () => {
    expect(checkRrn("48031521234")).toEqual({ ok: false, problem: "format" });
    expect(checkRrn("48031a-2123459")).toEqual({ ok: false, problem: "format" });
    expect(checkRrn("480230-2123459")).toEqual({ ok: false, problem: "birth-date" });
    expect(checkRrn("010229-3123456")).toEqual({ ok: false, problem: "birth-date" }); // 2001 is not a leap year
    expect(checkRrn("000229-3123450").ok).toBe(true); // 2000 is
  });
});

describe("RRN to CI", () => {
  it("is an 88-character base64 HMAC-SHA-512, stable, keyed and dash-insensitive", () => {
    const ci = rrnToCi("480315-2123459", "a".repeat(32));
    expect(ci).toHaveLength(88);
    expect(ci).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(rrnToCi("4803152123459", "a".repeat(32))).toBe(ci);
    expect(rrnToCi("480315-2123459", "b".repeat(32))).not.toBe(ci);
    expect(ci).not.toContain("4803152123459");
  });

  it("is HMAC-SHA-512 for secrets shorter and longer than the hash's block", () => {
    for (const secret of ["a".repeat(32), "키".repeat(40), "z".repeat(200)]) {
      expect(rrnToCi("480315-2123459", secret)).toBe(createHmac("sha512", secret).update("4803152123459").digest("base64"));
    }
    // Inputs of other lengths (the in-place buffer and the longer path), one after another.
    for (const input of ["900520-1234565", "", "1".repeat(32), "2".repeat(33), "٣".repeat(40), "4803152123459"]) {
      expect(rrnToCi(input, "k".repeat(40))).toBe(createHmac("sha512", "k".repeat(40)).update(normaliseRrn(input)).digest("base64"));
    }
  });
});

describe("RRNs where none belongs", () => {
  it("finds a valid RRN in text, with or without its hyphen, but not other numbers", () => {
    for (const text of ["900101-1234568", "9001011234568", "900101 1234568", "ref 900101-1234568 end", "A-8505052345678"]) expect(containsRrn(text), text).toBe(true);
    for (const text of ["", "홍길동", "900230-1234567", "901301-1234567", "19001011234568", "010-1234-5678", "123-45-67890", "2026-11-30", "BENCH-12345"]) expect(containsRrn(text), text).toBe(false);
  });

  it("masks each valid RRN and leaves the rest of the text", () => {
    expect(maskRrns("fields.900101-1234568")).toBe("fields.**************");
    expect(maskRrns("a 9001011234568 b 900230-1234567")).toBe("a ************* b 900230-1234567");
    expect(maskRrns("fields.taxYear")).toBe("fields.taxYear");
  });
});
