import type { Db } from "../db";
import type { Locale, Localized } from "../../locales/config";
import { parseLetterNumber } from "./letter-number";

/** Where a genuine letter is, in words a recipient understands. */
export type LetterState = "on-its-way" | "dispatched" | "returned";

/**
 * What anyone holding a letter may learn from its number: that Moa sent it, for which agency and
 * what kind of notice. Nothing personal: no name, address, amount or content.
 */
export interface LetterCheck {
  agencyName: Localized;
  kind: Localized;
  acceptedAt: Date;
  status: LetterState;
  letterNumber: string;
}

const STATES: Record<string, LetterState> = { queued: "on-its-way", sent: "on-its-way", printed: "on-its-way", dispatched: "dispatched", returned: "returned" };

/**
 * The letter with this number (as typed: spaces and dashes allowed), or null. A letter that was
 * never printed (permanent-failure) or belongs to a test notice does not exist on paper: not found.
 */
export async function checkLetter(db: Db, number: string): Promise<LetterCheck | null> {
  const letterNumber = parseLetterNumber(number);
  if (!letterNumber) return null;
  const letter = await db.delivery.findFirst({
    where: { letterNumber, channel: "letter", notice: { testMode: false } },
    select: { status: true, notice: { select: { acceptedAt: true, agency: { select: { name: true } }, template: { select: { name: true } } } } },
  });
  const status = letter && STATES[letter.status];
  if (!letter || !status) return null;
  const { notice } = letter;
  return { agencyName: notice.agency.name as Localized, kind: notice.template.name as Localized, acceptedAt: notice.acceptedAt, status, letterNumber };
}

/** A name in the reader's language, else Korean (always present). */
export const inLocale = (name: Localized, locale: Locale): string => name[locale] ?? name.ko;
