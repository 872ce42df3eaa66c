/**
 * A batch's error report as CSV (RFC 4180, CRLF line ends), columns `row,column,reason`. It starts
 * with a UTF-8 byte order mark so that Excel opens Korean text correctly.
 *
 * Cells may echo what the agency sent, and the report is opened in a spreadsheet, so every text
 * cell is neutralised against formula injection (OWASP "CSV Injection"): a cell starting with
 * = + - @, a tab or a carriage return (or the full-width ＝ ＋ － ＠, which Excel in East Asian
 * locales also reads as formulas) gets a leading `'`, and any cell with a comma, a double quote,
 * CR or LF is quoted with its quotes doubled.
 */

const HEADER = "\uFEFFrow,column,reason\r\n";

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);
const NEEDS_QUOTES = /[",\r\n]/;

/** One text cell: neutralised, then quoted if needed. */
export function errorReportCell(value: string): string {
  const text = value.length > 0 && FORMULA_START.has(value[0]) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The first line of the report, with the byte order mark. */
export function errorReportHeader(): string {
  return HEADER;
}

/** One line of the report, with its CRLF. */
export function errorReportLine(row: number, column: string, reason: string): string {
  // The row is a number we produce; anything else is refused rather than written into the report.
  if (!Number.isSafeInteger(row)) throw new RangeError(`error report row must be an integer, got ${row}`);
  return `${row},${errorReportCell(column)},${errorReportCell(reason)}\r\n`;
}

/** The whole report, header first, one line per error, for streaming out. */
export async function* errorReportLines(rows: AsyncIterable<{ row: number; column: string; reason: string }>): AsyncGenerator<string> {
  yield errorReportHeader();
  for await (const { row, column, reason } of rows) yield errorReportLine(row, column, reason);
}
