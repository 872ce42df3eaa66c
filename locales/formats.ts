import type { Formats } from "next-intl";

/** Every date and amount goes through these, in Asia/Seoul. */
export const TIME_ZONE = "Asia/Seoul";

export const formats = {
  dateTime: {
    // Legal dates: Gregorian in every locale (Thai would otherwise use the Buddhist era).
    legal: { year: "numeric", month: "long", day: "numeric", calendar: "gregory" },
    short: { year: "numeric", month: "2-digit", day: "2-digit", calendar: "gregory" },
    timestamp: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", calendar: "gregory" },
    time: { hour: "2-digit", minute: "2-digit" },
  },
  number: {
    // Never compact notation for money: Korean would render 12,345,678 as "1235만".
    krw: { style: "currency", currency: "KRW", currencyDisplay: "symbol", maximumFractionDigits: 0 },
    integer: { maximumFractionDigits: 0 },
  },
} satisfies Formats;
