import { describe, expect, it } from "vitest";
import { chooseDataCoding, decodeGsm7, decodeUcs2, encodeGsm7, encodeSms, splitText, unitLength } from "./encoding";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

function graphemeBoundaries(text: string): Set<number> {
  return new Set([...graphemes.segment(text)].map((s) => s.index));
}

function udh(part: Buffer) {
  return [...part.subarray(0, 6)];
}

const KOREAN =
  "[모아] 서울특별시 종로구청에서 보낸 알림입니다. 2025년 주민세(개인분) 납부 기한은 8월 31일까지이며, 기한이 지나면 가산금이 붙습니다. " +
  "납부는 위택스, 은행 앱, 가상계좌로 할 수 있습니다. 이 알림은 모아 앱에서 다시 볼 수 있고, 문의는 종로구청 세무과로 해 주십시오. " +
  "주소가 바뀌었거나 이미 납부하셨다면 이 문자는 무시하셔도 됩니다. 감사합니다. 모아는 정부 알림을 한곳에 모아 드립니다.";
const THAI =
  "แจ้งเตือนจากโมอา: สำนักงานเขตจงโนแจ้งว่าภาษีผู้อยู่อาศัยประจำปีต้องชำระภายในวันที่สามสิบเอ็ดสิงหาคม " +
  "หากเลยกำหนดจะมีค่าปรับเพิ่ม ท่านสามารถชำระผ่านแอปธนาคารหรือบัญชีเสมือนได้ ขอบคุณที่ใช้บริการค่ะ";

describe("choosing the coding", () => {
  it("keeps GSM 03.38 texts, extension table included, in 7 bits", () => {
    expect(chooseDataCoding("Your code is 123456. Don't share it!")).toBe(0);
    expect(chooseDataCoding("Price: 5€ [net] {x} ~ | ^ \\")).toBe(0);
    expect(chooseDataCoding("Ça ÄÖÜ äöüà ΔΦΓ")).toBe(0);
  });

  it("needs UCS-2 for anything outside GSM 03.38", () => {
    expect(chooseDataCoding("안녕하세요")).toBe(8);
    expect(chooseDataCoding("สวัสดี")).toBe(8);
    expect(chooseDataCoding("garçon")).toBe(8); // lower-case ç is not in the default alphabet
    expect(chooseDataCoding("ok 👍")).toBe(8);
    expect(chooseDataCoding("`backtick`")).toBe(8);
  });

  it("counts extension characters as two septets", () => {
    expect(unitLength("a€[", 0)).toBe(5);
    expect(unitLength("a€[", 8)).toBe(3);
  });
});

describe("GSM 03.38", () => {
  it("maps characters to their septets and back", () => {
    expect([...encodeGsm7("@A a\n€")]).toEqual([0x00, 0x41, 0x20, 0x61, 0x0a, 0x1b, 0x65]);
    const all = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà\f^{}\\[~]|€";
    expect(decodeGsm7(encodeGsm7(all))).toBe(all);
  });

  it("refuses characters it cannot carry", () => {
    expect(() => encodeGsm7("한")).toThrow(RangeError);
  });
});

describe("parts", () => {
  it("sends a text that fits as one part without a header", () => {
    const gsm = encodeSms("x".repeat(160), 7);
    expect(gsm.dataCoding).toBe(0);
    expect(gsm.parts).toHaveLength(1);
    expect(gsm.parts[0]).toHaveLength(160);
    const ucs2 = encodeSms("가".repeat(70), 7);
    expect(ucs2.dataCoding).toBe(8);
    expect(ucs2.parts).toHaveLength(1);
    expect(ucs2.parts[0]).toHaveLength(140);
  });

  it("splits GSM texts into 153-septet parts with a concatenation header", () => {
    const { parts, texts } = encodeSms("x".repeat(161), 300);
    expect(texts.map((t) => t.length)).toEqual([153, 8]);
    expect(udh(parts[0])).toEqual([0x05, 0x00, 0x03, 300 & 0xff, 2, 1]);
    expect(udh(parts[1])).toEqual([0x05, 0x00, 0x03, 300 & 0xff, 2, 2]);
    expect(decodeGsm7(parts[1].subarray(6))).toBe("xxxxxxxx");
  });

  it("never cuts an escape sequence in two", () => {
    const text = "a".repeat(152) + "€" + "b".repeat(10);
    const { texts, parts } = encodeSms(text, 1);
    expect(texts[0]).toBe("a".repeat(152));
    expect(texts[1].startsWith("€")).toBe(true);
    expect(parts.every((p) => p.length - 6 <= 153)).toBe(true);
  });

  it("splits a long Korean text into 67-unit UCS-2 parts that join back exactly", () => {
    const { dataCoding, texts, parts } = encodeSms(KOREAN, 42);
    expect(KOREAN.length).toBeGreaterThan(200);
    expect(dataCoding).toBe(8);
    expect(texts.length).toBe(Math.ceil(KOREAN.length / 67));
    expect(texts.join("")).toBe(KOREAN);
    parts.forEach((p, i) => {
      expect(udh(p)).toEqual([0x05, 0x00, 0x03, 42, texts.length, i + 1]);
      expect(p.length - 6).toBeLessThanOrEqual(134);
      expect(decodeUcs2(p.subarray(6))).toBe(texts[i]);
    });
  });

  it("keeps Thai vowel and tone marks with their consonant", () => {
    const { texts } = encodeSms(THAI, 1);
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.join("")).toBe(THAI);
    const boundaries = graphemeBoundaries(THAI);
    let offset = 0;
    for (const t of texts) {
      expect(boundaries.has(offset)).toBe(true);
      expect(t).not.toMatch(/^\p{M}/u);
      expect(t.length).toBeLessThanOrEqual(67);
      offset += t.length;
    }
  });

  it("moves a cluster that would straddle the limit whole into the next part", () => {
    const thai = "ก".repeat(66) + "กี่" + "ข".repeat(10); // กี่ is three code units
    expect(splitText(thai, 8, 67).map((t) => t.length)).toEqual([66, 13]);
    const family = "👨‍👩‍👧‍👦";
    const withEmoji = "가".repeat(60) + family + "나".repeat(10);
    const [first, second] = splitText(withEmoji, 8, 67);
    expect(first).toBe("가".repeat(60));
    expect(second.startsWith(family)).toBe(true);
  });

  it("never leaves half a surrogate pair, even inside an oversized cluster", () => {
    const emoji = "가".repeat(66) + "😀".repeat(40);
    const zalgo = "a" + "\u0301".repeat(100) + "😀";
    for (const text of [emoji, zalgo]) {
      const { texts } = encodeSms(text, 1);
      expect(texts.join("")).toBe(text);
      for (const t of texts) {
        expect(t).not.toMatch(LONE_SURROGATE);
        expect(t.length).toBeLessThanOrEqual(67);
      }
    }
  });

  it("refuses texts of more than 255 parts", () => {
    expect(() => encodeSms("가".repeat(67 * 255 + 1), 1)).toThrow(RangeError);
    expect(encodeSms("가".repeat(67 * 255), 1).parts).toHaveLength(255);
  });
});
