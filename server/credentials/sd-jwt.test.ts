import { describe, expect, it } from "vitest";
import { conceal, digestOf, disclose, SdJwtError, splitSdJwt } from "./sd-jwt";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const decode = (disclosure: string) => JSON.parse(Buffer.from(disclosure, "base64url").toString("utf8")) as unknown[];

const household = {
  householder: "김순자",
  address: "서울특별시 종로구 삼봉로 43",
  members: [
    { name: "김순자", relation: "self", birthDate: "1948-03-15" },
    { name: "이민준", relation: "grandchild", birthDate: "2006-09-02" },
  ],
  vct: "https://moa.example.kr/vct/resident-registration-copy",
};
const PATTERNS = ["householder", "address", "members.*"];

describe("SD-JWT disclosures", () => {
  it("digest the disclosure's base64url text as RFC 9901 §4.2.3's example does", () => {
    const disclosure = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0";
    expect(decode(disclosure)).toEqual(["_26bc4LT-ac6q2KI6cBW5es", "family_name", "Möbius"]);
    expect(digestOf(disclosure)).toBe("X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0");
  });

  it("conceal the chosen claims behind sorted digests and decoys, each array element on its own", () => {
    const { payload, disclosures } = conceal(household, PATTERNS);
    expect(disclosures).toHaveLength(4);
    expect(payload.vct).toBe(household.vct);
    expect(JSON.stringify(payload)).not.toMatch(/김순자|삼봉로|이민준|1948|grandchild/);
    const sd = payload._sd as string[];
    expect(sd.length).toBeGreaterThanOrEqual(3);
    expect(sd.length).toBeLessThanOrEqual(5);
    expect([...sd].sort()).toEqual(sd);
    const members = payload.members as { "...": string }[];
    expect(members.length).toBeGreaterThanOrEqual(3);
    for (const element of members) expect(Object.keys(element)).toEqual(["..."]);
    for (const d of disclosures) {
      const array = decode(d);
      expect(typeof array[0]).toBe("string");
      expect(Buffer.from(array[0] as string, "base64url").length).toBe(16);
    }
  });

  it("disclose all back to the claims, naming each by its path; decoys vanish", () => {
    const { payload, disclosures } = conceal(household, PATTERNS);
    const { claims, paths } = disclose(payload, disclosures);
    expect(claims).toEqual(household);
    expect([...paths.values()].sort()).toEqual(["address", "householder", "members.0", "members.1"]);
    const second = [...paths].find(([, path]) => path === "members.1")![0];
    expect(decode(second)[1]).toEqual(household.members[1]);
  });

  it("disclose a subset: hidden object claims and array elements are simply absent", () => {
    const { payload, disclosures } = conceal(household, PATTERNS);
    const { paths } = disclose(payload, disclosures);
    const pick = (wanted: string[]) => [...paths].filter(([, path]) => wanted.includes(path)).map(([d]) => d);
    expect(disclose(payload, pick(["householder", "members.1"])).claims).toEqual({ householder: "김순자", members: [household.members[1]], vct: household.vct });
    expect(disclose(payload, []).claims).toEqual({ members: [], vct: household.vct });
  });

  it("handle nested disclosures (a disclosed object with disclosable claims inside)", () => {
    const claims = { address: { street: "삼봉로 43", postalCode: "03154" } };
    const { payload, disclosures } = conceal(claims, ["address", "address.street"], false);
    expect(disclosures).toHaveLength(2);
    const { claims: all, paths } = disclose(payload, disclosures);
    expect(all).toEqual(claims);
    expect([...paths.values()].sort()).toEqual(["address", "address.street"]);
    const outer = [...paths].find(([, p]) => p === "address")![0];
    expect(disclose(payload, [outer]).claims).toEqual({ address: { postalCode: "03154" } });
    // The inner claim alone is referenced by nothing the verifier can see.
    const inner = [...paths].find(([, p]) => p === "address.street")![0];
    expect(() => disclose(payload, [inner])).toThrow(/not referenced/);
  });

  it("reject what RFC 9901 §7.1 rejects", () => {
    const { payload, disclosures } = conceal(household, PATTERNS, false);
    const reject = (p: Record<string, unknown>, d: string[], message: RegExp) => expect(() => disclose(p, d)).toThrow(message);
    reject(payload, [...disclosures, disclosures[0]], /repeated/);
    reject(payload, [...disclosures, b64(["salt", "extra", 1])], /not referenced/);
    reject({ ...payload, _sd: [...(payload._sd as string[]), (payload._sd as string[])[0]] }, disclosures, /twice/);
    const clash = b64(["salt", "vct", "https://evil.example/vct"]);
    reject({ ...payload, _sd: [...(payload._sd as string[]), digestOf(clash)] }, [clash], /existing/);
    const element = b64(["salt", "value"]);
    reject({ _sd: [digestOf(element)] }, [element], /array element/);
    const named = b64(["salt", "name", "value"]);
    reject({ list: [{ "...": digestOf(named) }] }, [named], /in an array/);
    for (const bad of [b64(["salt", "_sd", 1]), b64(["salt", "...", 1]), b64([1, "name", 2]), b64(["only"]), "bm90IGpzb24"]) reject({ _sd: [digestOf(bad)] }, [bad], /disclosure/);
    reject({ _sd: "not an array" }, [], /_sd/);
    expect(() => disclose(payload, disclosures)).not.toThrow(SdJwtError);
  });
});

describe("the compact form", () => {
  it("splits issuer JWT, disclosures and key binding JWT", () => {
    expect(splitSdJwt("a.b.c~D1~D2~")).toEqual({ jwt: "a.b.c", disclosures: ["D1", "D2"], kbJwt: null });
    expect(splitSdJwt("a.b.c~D1~k.b.j")).toEqual({ jwt: "a.b.c", disclosures: ["D1"], kbJwt: "k.b.j" });
    expect(splitSdJwt("a.b.c~")).toEqual({ jwt: "a.b.c", disclosures: [], kbJwt: null });
    for (const bad of ["a.b.c", "~D1~", "a.b.c~~D2~", "a.b.c~D 1~"]) expect(() => splitSdJwt(bad), bad).toThrow(SdJwtError);
  });
});
