// No node: imports: the verify page parses numbers in the browser with this module.

/** The Luhn check digit of a string of digits (the digit to append). */
function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The letter number made of these 15 digits and their Luhn check digit. */
export function letterNumberFor(body: string): string {
  if (!/^\d{15}$/.test(body)) throw new Error("A letter number is 15 digits and a check digit.");
  return body + luhnDigit(body);
}

/** A new random authenticity number for a letter. */
export function newLetterNumber(): string {
  let body = "";
  while (body.length < 15) {
    // Bytes of 250 and above are dropped so that every digit is equally likely.
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) if (byte < 250 && body.length < 15) body += byte % 10;
  }
  return letterNumberFor(body);
}

/** The 16 digits of a letter number as typed (spaces and dashes allowed), or null if it is not one. */
export function parseLetterNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  if (!/^\d{16}$/.test(digits) || luhnDigit(digits.slice(0, 15)) !== Number(digits[15])) return null;
  return digits;
}

export function isLetterNumber(input: string): boolean {
  return parseLetterNumber(input) !== null;
}

/** "1234 5678 9012 3456". */
export function formatLetterNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, "$1 ");
}
