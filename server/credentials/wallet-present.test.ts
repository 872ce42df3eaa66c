import { describe, expect, it } from "vitest";
import { holdsKey, makePresentation } from "../../app/_components/wallet-present";
import { checkKeyBinding } from "./key-binding";
import { conceal, disclose, splitSdJwt } from "./sd-jwt";
import { decodeJwt } from "jose";

/** The browser's presentations (WebCrypto, async hashing) against the server's checks. */
describe("presentations made in the browser", () => {
  it("carry the chosen disclosures (with their parents) and a KB-JWT the server accepts", async () => {
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    const { x, y } = await crypto.subtle.exportKey("jwk", pair.publicKey);
    const { payload, disclosures } = conceal({ a: "1", list: [{ n: "x" }, { n: "y" }] }, ["a", "list.*"], false);
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const jwt = `${header}.${Buffer.from(JSON.stringify({ ...payload, _sd_alg: "sha-256" })).toString("base64url")}.`;
    const { paths } = disclose(decodeJwt(jwt), disclosures);
    const copy = { jwt, disclosures: disclosures.map((d) => ({ path: paths.get(d)!, disclosure: d })) };

    const presentation = await makePresentation(copy, ["list.1"], pair.privateKey, { aud: "https://moa.example.kr/s", nonce: "share-1" });
    const { disclosures: shown, kbJwt } = splitSdJwt(presentation);
    expect(disclose(decodeJwt(jwt), shown).claims).toEqual({ list: [{ n: "y" }] });
    const bound = presentation.slice(0, presentation.lastIndexOf("~") + 1);
    const cnf = { jwk: { kty: "EC", crv: "P-256", x, y } };
    expect(await checkKeyBinding(bound, kbJwt, cnf, { aud: "https://moa.example.kr/s", nonce: "share-1" }, new Date())).toEqual({ result: "ok" });
    expect((await checkKeyBinding(bound, kbJwt, cnf, { aud: "https://moa.example.kr/s", nonce: "share-2" }, new Date())).result).toBe("failed");

    expect(await makePresentation(copy, ["a"], null, { aud: "", nonce: "" })).toMatch(/~$/);
    expect(holdsKey({ x: x!, y: y! }, { x: x!, y: y! })).toBe(true);
    expect(holdsKey({ x: x!, y: y! }, null)).toBe(false);
  });
});
