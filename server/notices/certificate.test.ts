import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CompactSign, base64url, calculateJwkThumbprint, decodeProtectedHeader, exportJWK, generateKeyPair } from "jose";
import fontkit from "@pdf-lib/fontkit";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from "pdf-lib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { LOCALES, type Locale } from "../../locales/config";
import { ConfigError } from "../env";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { publicKeys, resetSigningKeyCache, signingKey } from "./certificate-signing";
import {
  CERTIFICATE_TITLES,
  LEGAL_TITLE_KO,
  STATEMENT_TYPE,
  deliveryCertificatePdf,
  deliveryFacts,
  signDeliveryStatement,
  verifyDeliveryStatement,
  type DeliveryFacts,
} from "./certificate";

const tmp = mkdtempSync(path.join(os.tmpdir(), "moa-certificate-"));
const savedEnv = { DATA_DIR: process.env.DATA_DIR, CERT_SIGNING_KEY: process.env.CERT_SIGNING_KEY };
process.env.DATA_DIR = path.join(tmp, "data");
delete process.env.CERT_SIGNING_KEY;

const NOW = new Date("2026-11-23T06:30:00Z");
const ORIGINAL = "2026년 귀속 종합소득세 납부 안내\n납부할 세액: 1,234,000원\n납부 기한: 2026년 12월 31일";
const SHA = createHash("sha256").update(ORIGINAL).digest("hex");
const NAME = "김순자";
const CI = "A".repeat(86) + "==";
const REFERENCE = "NTS-2026-000123";
/** The embedded font families expected per locale, beside Noto Sans KR which is always there. */
const FONT_FAMILIES: Record<Locale, string[]> = {
  ko: ["NotoSansKR"],
  en: ["NotoSans", "NotoSansKR"],
  vi: ["NotoSans", "NotoSansKR"],
  ja: ["NotoSansJP", "NotoSansKR"],
  zh: ["NotoSansSC", "NotoSansKR"],
  th: ["NotoSansThai", "NotoSans", "NotoSansKR"],
};

/**
 * Reads every embedded TrueType subset back and checks its glyph outlines: pdftotext alone cannot
 * tell, since copied text comes from /ToUnicode even when the glyphs draw nothing (as with the
 * short-loca bug of @pdf-lib/fontkit, see server/pdf/fonts.ts). A glyph read from a wrong offset has a
 * bounding box outside the font's, or fails to parse.
 */
async function embeddedFonts(pdf: Uint8Array): Promise<{ family: string; glyphs: number; broken: number; blank: number }[]> {
  const doc = await PDFDocument.load(pdf);
  const result = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || !object.has(PDFName.of("FontFile2"))) continue;
    const file = object.lookup(PDFName.of("FontFile2"));
    if (!(file instanceof PDFRawStream)) throw new Error("FontFile2 is not a stream");
    const font = fontkit.create(Buffer.from(decodePDFRawStream(file).decode()));
    const head = (font as unknown as { head: { xMin: number; xMax: number; yMin: number; yMax: number } }).head;
    let broken = 0;
    let blank = 0;
    for (let id = 1; id < font.numGlyphs; id++) {
      try {
        const glyph = font.getGlyph(id);
        const box = glyph.bbox;
        if (!glyph.path.toSVG()) blank++;
        else if (box.minX < head.xMin || box.maxX > head.xMax || box.minY < head.yMin || box.maxY > head.yMax) broken++;
      } catch {
        broken++;
      }
    }
    const family = object.get(PDFName.of("FontName"))!.toString().replace(/^\//, "").split("-")[0];
    result.push({ family, glyphs: font.numGlyphs, broken, blank });
  }
  return result;
}

/** Text in each locale's script that only renders with that script's font. */
const SCRIPT_LABELS: Partial<Record<Locale, string[]>> = {
  ja: ["受取人", "閲覧日時"],
  zh: ["收件人", "查阅时间"],
  th: ["ผู้รับ", "วิธีการเปิดอ่าน"],
  vi: ["Người nhận", "Thời điểm mở đọc"],
};

let t: TestDatabase;
let personId: string;
let otherId: string;
let readId: string;
let unreadId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const agency = await t.db.agency.create({
    data: {
      code: "NTS",
      name: { ko: "국세청", en: "National Tax Service", ja: "国税庁", zh: "国税厅", th: "กรมสรรพากรแห่งชาติ", vi: "Tổng cục Thuế Quốc gia" },
    },
  });
  const template = await t.db.template.create({
    data: {
      agencyId: agency.id,
      kind: "national-income-tax",
      version: 1,
      name: { ko: "종합소득세 납부 안내", en: "Income tax payment notice", ja: "総合所得税の納付案内", zh: "综合所得税缴纳通知", th: "หนังสือแจ้งชำระภาษีเงินได้", vi: "Thông báo nộp thuế thu nhập" },
      fieldSchema: {},
      messages: {},
    },
  });
  personId = (await t.db.person.create({ data: { ci: CI, name: NAME } })).id;
  otherId = (await t.db.person.create({ data: { ci: "B".repeat(86) + "==", name: "박지훈" } })).id;
  const base = {
    agencyId: agency.id,
    templateId: template.id,
    recipientCi: CI,
    personId,
    requestHash: "0".repeat(64),
    recipientName: NAME,
    fields: {},
    originalKo: ORIGINAL,
    originalSha256: SHA,
    certified: true,
    route: "electronic",
    acceptedAt: new Date("2026-11-20T00:00:00Z"),
    deliveredAt: new Date("2026-11-20T00:00:05Z"),
  };
  readId = (await t.db.notice.create({ data: { ...base, reference: REFERENCE, readAt: new Date("2026-11-21T09:15:42Z"), readMethod: "step-up" } })).id;
  unreadId = (await t.db.notice.create({ data: { ...base, reference: "NTS-2026-000124" } })).id;
});

afterAll(async () => {
  await t?.drop();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetSigningKeyCache();
  rmSync(tmp, { recursive: true, force: true });
});

async function facts(): Promise<DeliveryFacts> {
  return (await deliveryFacts(t.db, personId, readId))!;
}

const payloadOf = (jws: string) => JSON.parse(new TextDecoder().decode(base64url.decode(jws.split(".")[1])));

describe("delivery facts", () => {
  it("loads the citizen's own read notice", async () => {
    expect(await facts()).toMatchObject({
      noticeId: readId,
      reference: REFERENCE,
      agencyCode: "NTS",
      recipientName: NAME,
      originalSha256: SHA,
      certified: true,
      testMode: false,
      readAt: new Date("2026-11-21T09:15:42Z"),
      readMethod: "step-up",
      route: "electronic",
    });
  });

  it("gives nothing for another person's notice, an unread notice or a malformed id", async () => {
    expect(await deliveryFacts(t.db, otherId, readId)).toBeNull();
    expect(await deliveryFacts(t.db, personId, unreadId)).toBeNull();
    expect(await deliveryFacts(t.db, personId, "not-a-uuid")).toBeNull();
  });
});

describe("signed delivery statement", () => {
  it("signs and verifies: EdDSA, typed, with the key's thumbprint as kid", async () => {
    const jws = await signDeliveryStatement(await facts(), NOW);
    const header = decodeProtectedHeader(jws);
    const { kid, publicJwk } = await signingKey();
    expect(header).toEqual({ alg: "EdDSA", typ: STATEMENT_TYPE, kid });
    expect(kid).toBe(await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: publicJwk.x! }));
    const result = await verifyDeliveryStatement(jws);
    expect(result).toEqual({
      valid: true,
      kid,
      statement: {
        v: 1,
        iss: "moa",
        notice: readId,
        reference: REFERENCE,
        agency: "NTS",
        sha256: SHA,
        certified: true,
        test: false,
        acceptedAt: "2026-11-20T00:00:00.000Z",
        deliveredAt: "2026-11-20T00:00:05.000Z",
        readAt: "2026-11-21T09:15:42.000Z",
        readMethod: "step-up",
        issuedAt: NOW.toISOString(),
      },
    });
  });

  it("publishes only the public key", async () => {
    const { keys } = await publicKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid: (await signingKey()).kid, alg: "EdDSA", use: "sig" });
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("names no one: no name, no CI", async () => {
    const jws = await signDeliveryStatement(await facts(), NOW);
    const text = JSON.stringify(payloadOf(jws));
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(CI);
    expect(text).not.toContain(personId);
    expect(Object.keys(payloadOf(jws)).sort()).toEqual(
      ["v", "iss", "notice", "reference", "agency", "sha256", "certified", "test", "acceptedAt", "deliveredAt", "readAt", "readMethod", "issuedAt"].sort(),
    );
  });

  it("refuses a statement with one character changed", async () => {
    const jws = await signDeliveryStatement(await facts(), NOW);
    const [header, payload, signature] = jws.split(".");
    const at = Math.floor(payload.length / 2);
    const tampered = `${header}.${payload.slice(0, at)}${payload[at] === "A" ? "B" : "A"}${payload.slice(at + 1)}.${signature}`;
    expect(await verifyDeliveryStatement(tampered)).toEqual({ valid: false, reason: "bad_signature" });
    const forgedSignature = `${header}.${payload}.${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(await verifyDeliveryStatement(forgedSignature)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("calls garbage malformed", async () => {
    for (const garbage of ["", "hello", "a.b", "a.b.c", "!!.??.##", "x".repeat(10_000)]) {
      expect(await verifyDeliveryStatement(garbage), garbage.slice(0, 20)).toEqual({ valid: false, reason: "malformed" });
    }
    const { privateKey, kid } = await signingKey();
    const notJson = await new CompactSign(new TextEncoder().encode("not json")).setProtectedHeader({ alg: "EdDSA", typ: STATEMENT_TYPE, kid }).sign(privateKey);
    expect(await verifyDeliveryStatement(notJson)).toEqual({ valid: false, reason: "malformed" });
  });

  it("refuses a statement signed with another key, whatever kid it claims", async () => {
    const other = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const payload = new TextEncoder().encode(JSON.stringify(payloadOf(await signDeliveryStatement(await facts(), NOW))));
    const otherKid = await calculateJwkThumbprint(await exportJWK(other.publicKey));
    const ownKid = await new CompactSign(payload).setProtectedHeader({ alg: "EdDSA", typ: STATEMENT_TYPE, kid: otherKid }).sign(other.privateKey);
    expect(await verifyDeliveryStatement(ownKid)).toEqual({ valid: false, reason: "unknown_key" });
    const stolenKid = await new CompactSign(payload).setProtectedHeader({ alg: "EdDSA", typ: STATEMENT_TYPE, kid: (await signingKey()).kid }).sign(other.privateKey);
    expect(await verifyDeliveryStatement(stolenKid)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("verifies the statement as copied from a certificate, broken across lines", async () => {
    const jws = await signDeliveryStatement(await facts(), NOW);
    const broken = jws.match(/.{1,100}/g)!.join("\n  ");
    expect(await verifyDeliveryStatement(broken)).toMatchObject({ valid: true });
  });
});

describe("signing key", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetSigningKeyCache();
  });

  it("is generated once in development, kept private in secrets.json beside the other secrets", async () => {
    const dir = mkdtempSync(path.join(tmp, "dev-"));
    writeFileSync(path.join(dir, "secrets.json"), JSON.stringify({ CI_SECRET: "c".repeat(43) }), { mode: 0o600 });
    vi.stubEnv("DATA_DIR", dir);
    resetSigningKeyCache();
    const first = await signingKey();
    resetSigningKeyCache();
    const again = await signingKey();
    expect(again.kid).toBe(first.kid);
    const file = path.join(dir, "secrets.json");
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.CI_SECRET).toBe("c".repeat(43));
    expect(JSON.parse(stored.CERT_SIGNING_KEY)).toMatchObject({ kty: "OKP", crv: "Ed25519", d: expect.any(String) });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("comes from CERT_SIGNING_KEY when set, and is required in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATA_DIR", mkdtempSync(path.join(tmp, "prod-")));
    resetSigningKeyCache();
    await expect(signingKey()).rejects.toThrow(ConfigError);
    await expect(signingKey()).rejects.toThrow(/^Configuration error: CERT_SIGNING_KEY must be set in production/);
    vi.stubEnv("CERT_SIGNING_KEY", "{not json");
    await expect(signingKey()).rejects.toThrow(/CERT_SIGNING_KEY must be an Ed25519 private JWK/);
    const pair = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const jwk = await exportJWK(pair.privateKey);
    vi.stubEnv("CERT_SIGNING_KEY", JSON.stringify(jwk));
    const key = await signingKey();
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x! }));
    expect(key.publicJwk.x).toBe(jwk.x);
  });
});

describe("delivery certificate PDF", () => {
  const pdfText = (bytes: Uint8Array, name: string, layout = true) => {
    const file = path.join(tmp, name);
    writeFileSync(file, bytes);
    return execFileSync("/usr/bin/pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  };

  it.each(LOCALES)("is in %s with the Korean legal text, the facts and the signature", async (locale) => {
    const f = await facts();
    const jws = await signDeliveryStatement(f, NOW);
    const pdf = await deliveryCertificatePdf(f, jws, locale, "https://moa.example.kr/");
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdf.length).toBeLessThan(1_000_000);
    const text = pdfText(pdf, `${locale}.pdf`);
    expect(text).toContain(CERTIFICATE_TITLES[locale]);
    expect(text).toContain(LEGAL_TITLE_KO);
    expect(text).toContain(REFERENCE);
    expect(text).toContain(SHA);
    expect(text).toContain(NAME);
    expect(text).toContain("수신자에게 도달하였으며");
    expect(text).toContain("https://moa.example.kr/verify");
    for (const label of SCRIPT_LABELS[locale] ?? []) expect(text).toContain(label);
    // …and the glyphs behind that text are really drawn, in the font of each script.
    const fonts = await embeddedFonts(pdf);
    expect([...new Set(fonts.map((f) => f.family))].sort()).toEqual([...FONT_FAMILIES[locale]].sort());
    for (const font of fonts) {
      expect(font, font.family).toMatchObject({ broken: 0 });
      expect(font.blank, font.family).toBeLessThanOrEqual(2); // the space (and no-break space)
      expect(font.glyphs, font.family).toBeGreaterThan(5);
    }
    // The printed signature, copied out of the PDF, still verifies.
    expect(pdfText(pdf, `${locale}-plain.pdf`, false).replace(/\s+/g, "")).toContain(jws);
  });

  it("never ends a signature line with a hyphen, which copy-paste would drop", async () => {
    const f = await facts();
    const [header, payload, signature] = (await signDeliveryStatement(f, NOW)).split(".");
    // Hyphens at every position, so one of them falls at the end of every line of the signature.
    const hyphenated = [header, payload, [...signature].map((c, i) => (i % 2 ? "-" : c)).join("")].join(".");
    const pdf = await deliveryCertificatePdf(f, hyphenated, "en", "https://moa.example.kr/");
    expect(pdfText(pdf, "hyphens.pdf", false).replace(/\s+/g, "")).toContain(hyphenated);
  });

  it("sets the title, language and creator", async () => {
    const f = await facts();
    const pdf = await deliveryCertificatePdf(f, await signDeliveryStatement(f, NOW), "en", "https://moa.example.kr");
    const file = path.join(tmp, "info.pdf");
    writeFileSync(file, pdf);
    const info = execFileSync("/usr/bin/pdfinfo", ["-enc", "UTF-8", file], { encoding: "utf8" });
    expect(info).toMatch(/Title:\s+Delivery certificate \(배달증명서\) · NTS-2026-000123/);
    expect(info).toMatch(/Creator:\s+Moa/);
    const lang = (await PDFDocument.load(pdf)).catalog.lookup(PDFName.of("Lang"), PDFString);
    expect(lang.decodeText()).toBe("en");
  });

  it("renders a Latin name with Vietnamese marks and a test notice, and can be made twice", async () => {
    const f = { ...(await facts()), recipientName: "Nguyễn Thị Lan", testMode: true };
    const jws = await signDeliveryStatement(f, NOW);
    const first = await deliveryCertificatePdf(f, jws, "ko", "https://moa.example.kr");
    const second = await deliveryCertificatePdf(f, jws, "ko", "https://moa.example.kr");
    for (const [i, pdf] of [first, second].entries()) {
      const text = pdfText(pdf, `twice-${i}.pdf`);
      expect(text).toContain("Nguyễn Thị Lan");
      expect(text).toContain("시험 발송 문서");
    }
    expect((await verifyDeliveryStatement(jws)).valid && payloadOf(jws).test).toBe(true);
  });

  it("continues on a second page when the facts are long", async () => {
    const base = await facts();
    const long = "ศูนย์บริการประชาชนแบบเบ็ดเสร็จ".repeat(30);
    const f = { ...base, agency: { ...base.agency, th: long }, kind: { ...base.kind, th: long } };
    const pdf = await deliveryCertificatePdf(f, await signDeliveryStatement(f, NOW), "th", "https://moa.example.kr");
    const file = path.join(tmp, "long.pdf");
    writeFileSync(file, pdf);
    expect(execFileSync("/usr/bin/pdfinfo", [file], { encoding: "utf8" })).toMatch(/Pages:\s+2/);
    const text = pdfText(pdf, "long-text.pdf");
    expect(text).toContain("หน้า 2 จาก 2");
    expect(text).toContain("https://moa.example.kr/verify");
  });

  it("refuses a statement of another notice", async () => {
    const f = await facts();
    const jws = await signDeliveryStatement({ ...f, noticeId: unreadId }, NOW);
    await expect(deliveryCertificatePdf(f, jws, "ko", "https://moa.example.kr")).rejects.toThrow(/another notice/);
  });
});
