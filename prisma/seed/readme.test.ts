import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_AGENCIES, DEMO_CITIZENS, DEMO_STAFF } from "./data";
import { demoApiKey } from "./seed";

describe("README's demo section", () => {
  const readme = readFileSync("README.md", "utf8");

  it("lists the keys, RRNs and sign-ins the seed actually makes", () => {
    for (const a of DEMO_AGENCIES) {
      expect(readme).toContain(demoApiKey("test", a.code));
      expect(readme).toContain(demoApiKey("live", a.code));
      expect(readme).toContain(a.operator.email);
    }
    for (const c of DEMO_CITIZENS) expect(readme).toContain(c.rrn);
    for (const s of DEMO_STAFF) expect(readme).toContain(`${s.username}\` / \`${s.password}`);
  });
});
