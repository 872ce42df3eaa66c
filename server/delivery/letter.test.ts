import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { AddressDoesNotFit, formatLetterNumber, isLetterNumber, letterDocument, letterNumberFor, letterPdf, newLetterNumber, parseLetterNumber, type LetterInput } from "./letter";

const tmp = mkdtempSync(path.join(os.tmpdir(), "moa-letter-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NUMBER = letterNumberFor("123456789012345");
const ORIGINAL = "2026년 귀속 종합소득세 납부 안내\n귀하의 납부할 세액은 1,234,000원입니다.\n납부 기한: 2026년 12월 31일";
const ADDRESS = "서울특별시 종로구 세종대로 209, 정부서울청사 3층 301호\n03171";
const ADDRESS_LINES = ["서울특별시 종로구 세종대로 209", "정부서울청사 3층 301호", "03171"];

const input = (overrides: Partial<LetterInput> = {}): LetterInput => ({
  noticeId: "0190a0b0-0000-7000-8000-000000000001",
  letterNumber: NUMBER,
  verifyUrl: `https://moa.example.kr/verify/letter/${NUMBER}`,
  agencyName: { ko: "국세청", en: "National Tax Service", vi: "Tổng cục Thuế Quốc gia", th: "กรมสรรพากรแห่งชาติ" },
  recipientName: "김순자",
  postalAddress: ADDRESS,
  originalKo: ORIGINAL,
  locale: "ko",
  localized: null,
  issuedAt: new Date("2026-11-23T16:30:00Z"), // 24 November in Seoul
  ...overrides,
});

let files = 0;
function save(pdf: Uint8Array): string {
  const file = path.join(tmp, `${files++}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

const pdftotext = (file: string, ...args: string[]) => execFileSync("/usr/bin/pdftotext", ["-enc", "UTF-8", ...args, file, "-"], { encoding: "utf8" });

/** The text inside the envelope window on page 1 (x 24.6–120 mm, y 39.5–66.3 mm), in pdftotext's 72 dpi pixels = points. */
function windowText(file: string): string[] {
  const px = (mm: number) => (mm * 72) / 25.4;
  const [x, y] = [Math.ceil(px(24.6)), Math.ceil(px(39.5))];
  const crop = ["-x", x, "-y", y, "-W", Math.floor(px(120)) - x, "-H", Math.floor(px(66.3)) - y].map(String);
  return pdftotext(file, "-layout", "-f", "1", "-l", "1", ...crop)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

describe("letter PDF", () => {
  it("is A4 with the name and address alone in the envelope window and the Korean original below", async () => {
    const file = save(await letterPdf(input()));
    expect(execFileSync("/usr/bin/pdfinfo", [file], { encoding: "utf8" })).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(windowText(file)).toEqual(["김순자", ...ADDRESS_LINES]);
    const text = pdftotext(file, "-layout");
    for (const line of ORIGINAL.split("\n")) expect(text).toContain(line);
    expect(text).toContain("국세청");
    expect(text).toContain("2026년 11월 24일");
    expect(text).toContain(formatLetterNumber(NUMBER));
    expect(text).toContain("https://moa.example.kr/verify/letter");
    expect(text.replace(/\s/g, "")).toContain("1/1쪽");
    expect(text).toContain("0190a0b0-0000-7000-8000-000000000001");
    expect(text).not.toContain("참고용 번역문");
  });

  it.each([
    ["vi", "Nguyễn Thị Lan", "Bản dịch chỉ để tham khảo", "Thông báo nộp thuế thu nhập", "Hạn nộp là ngày 31 tháng 12 năm 2026.", "Tổng cục Thuế Quốc gia"],
    ["th", "สมชาย ใจดี", "คำแปลเพื่อประกอบความเข้าใจเท่านั้น", "หนังสือแจ้งชำระภาษีเงินได้", "กำหนดชำระภายในวันที่ 31 ธันวาคม 2026", "กรมสรรพากรแห่งชาติ"],
  ] as const)("adds a translation for reference for a %s reader", async (locale, name, heading, title, body, agency) => {
    const file = save(await letterPdf(input({ locale, recipientName: name, localized: { title, body } })));
    expect(windowText(file)).toEqual([name, ...ADDRESS_LINES]);
    const text = pdftotext(file, "-layout");
    for (const expected of [ORIGINAL.split("\n")[1], heading, "한국어 원문이 우선합니다", title, body, agency]) expect(text).toContain(expected);
    expect(text.indexOf(heading)).toBeGreaterThan(text.indexOf(ORIGINAL.split("\n")[2]));
  });

  it("shrinks a long address to fit the window, and refuses one that cannot fit", async () => {
    const lines = ["경기도 성남시 분당구 판교역로 235 에이치스퀘어 엔동 7층 701호 (삼평동, 판교테크노밸리)", "13494", "대한민국", "추가 줄 하나", "추가 줄 둘"];
    const file = save(await letterPdf(input({ recipientName: "Nguyễn Thị Lan Phương", postalAddress: lines.join("\n") })));
    expect(windowText(file)).toEqual(["Nguyễn Thị Lan Phương", ...lines]);
    await expect(letterPdf(input({ postalAddress: Array(12).fill("서울특별시 종로구 세종대로 209").join("\n") }))).rejects.toThrow(AddressDoesNotFit);
  });

  it("carries a QR code that reads as the verify URL", async () => {
    const file = save(await letterPdf(input({ locale: "vi", localized: { title: "T", body: "B" } })));
    const prefix = path.join(tmp, "qr");
    execFileSync("/usr/bin/pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", file, prefix]);
    const png = PNG.sync.read(readFileSync(`${prefix}.png`));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`https://moa.example.kr/verify/letter/${NUMBER}`);
  });

  it("continues a long original on a second page", async () => {
    const long = Array.from({ length: 80 }, (_, i) => `${i + 1}. 이 문단은 긴 원문이 다음 쪽으로 이어지는지 확인하기 위한 문장입니다.`).join("\n");
    const { pdf, pages } = await letterDocument(input({ originalKo: long }));
    expect(pages).toBe(2);
    const file = save(pdf);
    const text = pdftotext(file, "-layout");
    expect(text).toContain("80. 이 문단은");
    expect(text.replace(/\s/g, "")).toContain("2/2쪽");
    expect(windowText(file)).toEqual(["김순자", ...ADDRESS_LINES]);
  });
});

describe("letter numbers", () => {
  it("are 16 digits with a Luhn check digit", () => {
    expect(letterNumberFor("453914880343646")).toBe("4539148803436467");
    expect(letterNumberFor("000000000000000")).toBe("0000000000000000");
    expect(() => letterNumberFor("12345")).toThrow();
    const numbers = Array.from({ length: 200 }, () => newLetterNumber());
    for (const n of numbers) expect(isLetterNumber(n), n).toBe(true);
    expect(new Set(numbers).size).toBe(200);
  });

  it("are accepted with spaces or dashes and refused with a wrong digit", () => {
    expect(parseLetterNumber("4539 1488 0343 6467")).toBe("4539148803436467");
    expect(isLetterNumber("4539-1488-0343-6467")).toBe(true);
    expect(isLetterNumber(" 4539148803436467 ")).toBe(true);
    expect(formatLetterNumber("4539148803436467")).toBe("4539 1488 0343 6467");
    for (const bad of ["4539148803436468", "4539148803436476", "453914880343646", "45391488034364670", "4539a48803436467", "", "4539_1488_0343_6467"]) expect(isLetterNumber(bad), bad).toBe(false);
  });
});
