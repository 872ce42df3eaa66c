import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { DEFAULT_PREFERENCES } from "../preferences/preferences";
import { appRouter } from "../trpc/router";
import { createCallerFactory } from "../trpc/init";
import { checkLetter } from "./letter-check";
import { formatLetterNumber, letterNumberFor, newLetterNumber } from "./letter-number";

const ACCEPTED = new Date("2026-11-20T01:00:00Z");
const PERSONAL = ["김순자", "세종대로", "1,234,000", "납부할 세액"];

let t: TestDatabase;
let agencyId: string;
let templateId: string;
let count = 0;

/** A notice with a letter in `status`; returns the letter number. */
async function letter(status: string, options: { testMode?: boolean } = {}): Promise<string> {
  const reference = `NTS-${++count}`;
  const notice = await t.db.notice.create({
    data: {
      agencyId,
      templateId,
      recipientCi: "C".repeat(86) + "==",
      reference,
      requestHash: "0".repeat(64),
      testMode: options.testMode ?? false,
      recipientName: "김순자",
      postalAddress: "서울특별시 종로구 세종대로 209",
      fields: { taxAmount: 1234000 },
      originalKo: "종합소득세 납부 안내: 납부할 세액은 1,234,000원입니다.",
      originalSha256: "0".repeat(64),
      route: "postal",
      acceptedAt: ACCEPTED,
    },
  });
  const letterNumber = newLetterNumber();
  await t.db.delivery.create({ data: { noticeId: notice.id, channel: "letter", target: "letter", status, letterNumber } });
  return letterNumber;
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  agencyId = (await t.db.agency.create({ data: { code: "NTS", name: { ko: "국세청", en: "National Tax Service" } } })).id;
  templateId = (await t.db.template.create({ data: { agencyId, kind: "income-tax", version: 1, name: { ko: "종합소득세 납부 안내", en: "Income tax bill" }, fieldSchema: {}, messages: {} } })).id;
});
afterAll(() => t?.drop());

describe("checkLetter", () => {
  it("finds a genuine letter as typed, with nothing personal", async () => {
    const number = await letter("dispatched");
    const dashed = formatLetterNumber(number).replaceAll(" ", "-");
    const result = await checkLetter(t.db, ` ${dashed} `);
    expect(result).toEqual({
      agencyName: { ko: "국세청", en: "National Tax Service" },
      kind: { ko: "종합소득세 납부 안내", en: "Income tax bill" },
      acceptedAt: ACCEPTED,
      status: "dispatched",
      letterNumber: number,
    });
    for (const text of PERSONAL) expect(JSON.stringify(result)).not.toContain(text);
  });

  it.each([
    ["queued", "on-its-way"],
    ["sent", "on-its-way"],
    ["printed", "on-its-way"],
    ["dispatched", "dispatched"],
    ["returned", "returned"],
  ])("tells a %s letter as %s", async (status, state) => {
    expect((await checkLetter(t.db, await letter(status)))?.status).toBe(state);
  });

  it("finds no letter that was never printed, of a test notice, unknown or malformed", async () => {
    expect(await checkLetter(t.db, await letter("permanent-failure"))).toBeNull();
    expect(await checkLetter(t.db, await letter("dispatched", { testMode: true }))).toBeNull();
    expect(await checkLetter(t.db, letterNumberFor("999999999999999"))).toBeNull();
    const number = await letter("dispatched");
    const wrongCheckDigit = number.slice(0, 15) + ((Number(number[15]) + 1) % 10);
    for (const typed of [wrongCheckDigit, number.slice(1), "", "abcd efgh ijkl mnop"]) expect(await checkLetter(t.db, typed)).toBeNull();
  });
});

describe("verify.letter", () => {
  const caller = (locale: "ko" | "en" | "vi") =>
    createCallerFactory(appRouter)({ db: t.db, principal: null, locale, preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() });

  it("answers in the reader's language, Korean where the agency has no name in it", async () => {
    const number = await letter("printed");
    const common = { found: true, acceptedAt: ACCEPTED.toISOString(), status: "on-its-way", letterNumber: number };
    expect(await caller("en").verify.letter({ number })).toEqual({ ...common, agencyName: "National Tax Service", kind: "Income tax bill" });
    expect(await caller("vi").verify.letter({ number: formatLetterNumber(number) })).toEqual({ ...common, agencyName: "국세청", kind: "종합소득세 납부 안내" });
  });

  it("says only that nothing was found for an unknown or malformed number", async () => {
    expect(await caller("ko").verify.letter({ number: letterNumberFor("123456789012345") })).toEqual({ found: false });
    expect(await caller("ko").verify.letter({ number: "1234" })).toEqual({ found: false });
  });
});
