import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_AGENCIES, DEMO_CITIZENS, DEMO_OPERATOR_PASSWORD, DEMO_OPERATOR_TOTP_SECRET, DEMO_STAFF } from "./data";
import { demoApiKey } from "./seed";

describe("README's demo section", () => {
  const readme = readFileSync("README.md", "utf8");
  const lines = readme.split("\n");
  const rowWith = (text: string) => lines.find((l) => l.startsWith("|") && l.includes(text)) ?? "";

  it("lists the keys, RRNs and sign-ins the seed actually makes", () => {
    for (const a of DEMO_AGENCIES) {
      expect(readme).toContain(demoApiKey("test", a.code));
      expect(readme).toContain(demoApiKey("live", a.code));
      expect(readme).toContain(a.operator.email);
    }
    for (const c of DEMO_CITIZENS) expect(readme).toContain(c.rrn);
  });

  it("lists each worker's password and TOTP secret on one row", () => {
    for (const s of DEMO_STAFF) {
      const row = rowWith(`\`${s.username}\``);
      expect(row).toContain(`\`${s.password}\``);
      expect(row).toContain(`\`${s.totpSecret}\``);
    }
    const operators = rowWith(`\`${DEMO_OPERATOR_PASSWORD}\``);
    expect(operators).toContain(`\`${DEMO_OPERATOR_TOTP_SECRET}\``);
  });
});
