import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { decodeStatusList, emptyStatusBytes, encodeStatusList, readStatus, signStatusList, verifyStatusList, writeStatus, type StatusBits } from "./status-list";

// draft-ietf-oauth-status-list §4.1–4.2: the byte arrays and their compressed encodings.
const ONE_BIT = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
const TWO_BITS = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3];
// Appendix C.1 and C.2: lists of 2^20 entries, all 0 but these.
// As the draft wraps them; the draft's own encoder made C.1 with other Huffman trees than zlib's.
const C1 = [
  "eNrt3AENwCAMAEGogklACtKQPg9LugC9k_ACvreiogE",
  "AAKkeCQAAAAAAAAAAAAAAAAAAAIBylgQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  "AAAAAAAAAAAAAAAAAAAXG9IAAAAAAAAAPwsJAAAAAAAAAAAAAAAvhsSAAAAAAAAAAA",
  "A7KpLAAAAAAAAAAAAAAAAAAAAAJsLCQAAAAAAAAAAADjelAAAAAAAAAAAKjDMAQAAA",
  "ACAZC8L2AEb",
].join("");
const C1_SET = [0, 1993, 25460, 159495, 495669, 554353, 645645, 723232, 854545, 934534, 1000345];
const C2 = [
  "eNrt2zENACEQAEEuoaBABP5VIO01fCjIHTMStt9ovGV",
  "IAAAAAABAbiEBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEB5WwIAAAAAA",
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAID0ugQAAAAAAAAAAAAAAAAAQG12SgAAA",
  "AAAAAAAAAAAAAAAAAAAAAAAAOCSIQEAAAAAAAAAAAAAAAAAAAAAAAD8ExIAAAAAAAA",
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwJEuAQAAAAAAAAAAAAAAAAAAAAAAAMB9S",
  "wIAAAAAAAAAAAAAAAAAAACoYUoAAAAAAAAAAAAAAEBqH81gAQw",
].join("");
const C2_SET: [number, number][] = [[0, 1], [1993, 2], [25460, 1], [159495, 3], [495669, 1], [554353, 1], [645645, 2], [723232, 1], [854545, 1], [934534, 2], [1000345, 3]];

function listOf(values: number[], bits: StatusBits): Buffer {
  const bytes = emptyStatusBytes(values.length, bits);
  values.forEach((v, i) => writeStatus(bytes, bits, i, v));
  return bytes;
}

/** The [index, status] of every entry that is not 0. */
function setEntries(bytes: Buffer, bits: StatusBits): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < (bytes.length * 8) / bits; i++) {
    const status = readStatus(bytes, bits, i);
    if (status !== 0) out.push([i, status]);
  }
  return out;
}

describe("status lists", () => {
  it("pack and compress the draft's examples exactly", () => {
    expect(listOf(ONE_BIT, 1)).toEqual(Buffer.from([0xb9, 0xa3]));
    expect(encodeStatusList(listOf(ONE_BIT, 1), 1)).toEqual({ bits: 1, lst: "eNrbuRgAAhcBXQ" });
    expect(listOf(TWO_BITS, 2)).toEqual(Buffer.from([0xc9, 0x44, 0xf9]));
    expect(encodeStatusList(listOf(TWO_BITS, 2), 2)).toEqual({ bits: 2, lst: "eNo76fITAAPfAgc" });
  });

  it("read the draft's appendix test vectors; C.2 encodes back byte for byte", () => {
    const one = decodeStatusList({ bits: 1, lst: C1 });
    expect(one.bytes.length).toBe(2 ** 20 / 8);
    expect(setEntries(one.bytes, 1)).toEqual(C1_SET.map((i) => [i, 1]));
    expect(decodeStatusList(encodeStatusList(one.bytes, 1)).bytes).toEqual(one.bytes);

    const two = decodeStatusList({ bits: 2, lst: C2 });
    expect(setEntries(two.bytes, 2)).toEqual(C2_SET);
    expect(encodeStatusList(two.bytes, 2).lst).toBe(C2);
  });

  it("round-trip every value at every position with 1 and 2 bits", () => {
    for (const bits of [1, 2] as const) {
      const values = Array.from({ length: 1000 }, (_, i) => (i * 7 + (i >> 3)) % (1 << bits));
      const { bytes } = decodeStatusList(encodeStatusList(listOf(values, bits), bits));
      expect(values.map((_, i) => readStatus(bytes, bits, i))).toEqual(values);
      // Writing one entry leaves its neighbours alone.
      writeStatus(bytes, bits, 500, 0);
      writeStatus(bytes, bits, 500, (1 << bits) - 1);
      expect(values.map((_, i) => readStatus(bytes, bits, i))).toEqual(values.map((v, i) => (i === 500 ? (1 << bits) - 1 : v)));
    }
    expect(() => writeStatus(emptyStatusBytes(8, 1), 1, 0, 2)).toThrow(RangeError);
    expect(() => readStatus(emptyStatusBytes(8, 2), 2, 8)).toThrow(RangeError);
  });

  it("sign as statuslist+jwt and verify only for the right URI, key and time", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    const uri = "https://moa.example.kr/api/v1/credentials/status/a";
    const issuedAt = new Date("2026-11-24T00:00:00Z");
    const token = await signStatusList({ uri, bits: 2, bytes: listOf(TWO_BITS, 2), issuedAt, ttlSeconds: 300, expiresAt: new Date(issuedAt.getTime() + 86_400_000) }, { privateKey, kid });
    const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString());
    expect(header).toEqual({ alg: "ES256", typ: "statuslist+jwt", kid });
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ sub: uri, iat: issuedAt.getTime() / 1000, ttl: 300, status_list: { bits: 2, lst: "eNo76fITAAPfAgc" } });

    const verified = await verifyStatusList(token, uri, [{ ...jwk, kid }], issuedAt);
    expect(verified.bytes).toEqual(Buffer.from([0xc9, 0x44, 0xf9]));
    await expect(verifyStatusList(token, `${uri}x`, [{ ...jwk, kid }], issuedAt)).rejects.toThrow();
    await expect(verifyStatusList(token, uri, [{ ...jwk, kid: "other" }], issuedAt)).rejects.toThrow(/unknown key/);
    await expect(verifyStatusList(token, uri, [{ ...jwk, kid }], new Date(issuedAt.getTime() + 2 * 86_400_000))).rejects.toThrow(/exp/);
  });
});
