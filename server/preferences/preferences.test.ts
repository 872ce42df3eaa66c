import { describe, expect, it } from "vitest";
import { decodePreferences, DEFAULT_PREFERENCES, encodePreferences } from "./preferences";

describe("preferences cookie", () => {
  it("round-trips every combination", () => {
    for (const textSize of [100, 125, 150, 200] as const)
      for (const screenReader of [false, true])
        for (const highContrast of [false, true]) {
          const p = { textSize, screenReader, highContrast };
          expect(decodePreferences(encodePreferences(p))).toEqual(p);
        }
  });

  it("falls back to defaults on anything malformed", () => {
    for (const bad of [undefined, "", "300.0.0", "200.2.0", "200.1", "200.1.0;x", "<script>"]) {
      expect(decodePreferences(bad)).toEqual(DEFAULT_PREFERENCES);
    }
  });
});
