import { describe, expect, it } from "vitest";
import { readCookie } from "./cookies";

describe("readCookie", () => {
  it("reads the named cookie among others, decoded, with any '=' in its value", () => {
    expect(readCookie("a=1; moa-prefs=%7B%22t%22%3A200%7D; b=x=y", "moa-prefs")).toBe('{"t":200}');
    expect(readCookie("a=1; b=x=y", "b")).toBe("x=y");
    expect(readCookie("a=1", "b")).toBeUndefined();
    expect(readCookie(null, "a")).toBeUndefined();
  });

  it("treats a value with malformed escapes as no cookie rather than throwing", () => {
    expect(readCookie("moa-session=%E0%A4%A; other=1", "moa-session")).toBeUndefined();
    expect(readCookie("moa-session=%; other=1", "other")).toBe("1");
  });
});
