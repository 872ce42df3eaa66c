import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { errorReportCell, errorReportHeader, errorReportLine, errorReportLines } from "./error-report";

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const line of lines) text += line;
  return text;
}

describe("error report", () => {
  it("starts with a byte order mark and the header", () => {
    const header = errorReportHeader();
    expect(header).toBe("\uFEFFrow,column,reason\r\n");
    expect([...Buffer.from(header, "utf8").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("writes plain cells as they are, one CRLF line per error", () => {
    expect(errorReportLine(12, "recipient.rrn", "invalid_rrn")).toBe("12,recipient.rrn,invalid_rrn\r\n");
    expect(errorReportLine(3, "이름", "필수 항목")).toBe("3,이름,필수 항목\r\n");
    expect(errorReportLine(0, "row", "malformed_row")).toBe("0,row,malformed_row\r\n");
  });

  it("quotes cells with commas, quotes and line breaks", () => {
    expect(errorReportLine(1, "a,b", 'say "hi"')).toBe('1,"a,b","say ""hi"""\r\n');
    expect(errorReportLine(1, "a\nb", "c\r\nd")).toBe('1,"a\nb","c\r\nd"\r\n');
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(errorReportLine(7, "fields.memo", '=HYPERLINK("http://x","y")')).toBe(`7,fields.memo,"'=HYPERLINK(""http://x"",""y"")"\r\n`);
    expect(errorReportCell("=1+1")).toBe("'=1+1");
    expect(errorReportCell("+82-10-1234-5678")).toBe("'+82-10-1234-5678");
    expect(errorReportCell("-5")).toBe("'-5");
    expect(errorReportCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(errorReportCell("\t=1")).toBe("'\t=1");
    expect(errorReportCell("\r=1")).toBe("\"'\r=1\"");
    expect(errorReportCell("＝1+1")).toBe("'＝1+1");
    // Only the first character counts.
    expect(errorReportCell("a=1")).toBe("a=1");
    expect(errorReportCell(" =1")).toBe(" =1");
    expect(errorReportCell("")).toBe("");
  });

  it("refuses a row that is not an integer", () => {
    expect(() => errorReportLine(Number.NaN, "a", "b")).toThrow(RangeError);
    expect(() => errorReportLine(1.5, "a", "b")).toThrow(RangeError);
  });

  it("streams the header first, then a line per error, and parses back as CSV", async () => {
    const errors = [
      { row: 2, column: "recipient.rrn", reason: "invalid_rrn" },
      { row: 5, column: "fields.memo", reason: '=HYPERLINK("http://x","y")' },
      { row: 9, column: "주소, 상세", reason: "줄\n바꿈" },
    ];
    const text = await collect(errorReportLines(from(errors)));
    expect(text.startsWith("\uFEFFrow,column,reason\r\n")).toBe(true);
    expect(parse(text, { bom: true, columns: true })).toEqual([
      { row: "2", column: "recipient.rrn", reason: "invalid_rrn" },
      { row: "5", column: "fields.memo", reason: `'=HYPERLINK("http://x","y")` },
      { row: "9", column: "주소, 상세", reason: "줄\n바꿈" },
    ]);
    expect(await collect(errorReportLines(from([])))).toBe("\uFEFFrow,column,reason\r\n");
  });
});
