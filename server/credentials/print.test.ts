import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPgPool } from "../db/pool";
import { rrnToCi } from "../identity/rrn";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { issueCredential } from "./issue";
import { printCopy } from "./print";
import { openShare } from "./share-view";
import { issueDeps, shareViewDeps } from "./wallet-deps";

/** The printed copy read back as a person and a phone would: its text, and its QR code opened as a link that verifies. */
const SECRET = "print-test-ci-secret-of-at-least-32-chars";
const PUBLIC_URL = "https://moa.example.kr";
let t: TestDatabase;
let tmp: string;
let personId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = mkdtempSync(path.join(os.tmpdir(), "moa-print-"));
  Object.assign(process.env, { DATABASE_URL: t.url, DATA_DIR: tmp, PUBLIC_URL, CI_SECRET: SECRET, SESSION_SECRET: "print-test-session-secret-of-32-chars-or-more" });
  delete process.env.LOG_SIGNING_KEY;
  delete process.env.CREDENTIAL_SIGNING_KEYS;
  personId = (await t.db.person.create({ data: { ci: rrnToCi("900520-1234565", SECRET), name: "박지훈" } })).id;
});
afterAll(async () => {
  await getPgPool().end();
  await t?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const pdftotext = (file: string) => execFileSync("/usr/bin/pdftotext", ["-enc", "UTF-8", "-layout", file, "-"], { encoding: "utf8" });

describe("printed copy", () => {
  it("in Vietnamese with the Korean name, the number in groups of four and no RRN back digits; its QR code opens a share that verifies", async () => {
    const { publicKey } = await generateKeyPair("ES256");
    const issued = await issueCredential(await issueDeps(), { personId, type: "resident-registration-abstract", holderJwk: await exportJWK(publicKey) }, new Date());
    const copy = await printCopy(t.db, PUBLIC_URL, personId, issued.id, "vi", new Date());
    const file = path.join(tmp, "copy.pdf");
    writeFileSync(file, copy!.pdf);

    const text = pdftotext(file);
    expect(text).toContain("Bản trích lục đăng ký cư trú");
    expect(text).toContain("주민등록표 초본");
    expect(text).toContain(issued.authenticityNumber.replace(/(\d{4})(?=\d)/g, "$1 "));
    expect(text).toContain(`${PUBLIC_URL}/verify`);
    expect(text).toContain("박지훈");
    expect(text).toContain("관악로");
    expect(text).not.toContain("1234565");

    execFileSync("/usr/bin/pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", file, path.join(tmp, "qr")]);
    const png = PNG.sync.read(readFileSync(path.join(tmp, "qr.png")));
    const link = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/vi/s/[A-Za-z0-9_-]{43}$`));

    const view = await openShare(await shareViewDeps(), link!.split("/s/")[1], "203.0.113.9", new Date());
    if (view.status !== "ok") throw new Error(view.status);
    expect(view.purpose).toBe("print");
    const { issuer, unaltered, notRevoked, holder } = view.verification.checks;
    expect([issuer.result, unaltered.result, notRevoked.result, holder]).toEqual(["ok", "ok", "ok", { result: "unknown", reason: "not-requested" }]);
    expect(view.verification.claims).toMatchObject({ name: "박지훈", rrnFront: "900520" });
    expect(view.verification.claims).not.toHaveProperty("rrnBack");
    expect(view.loggedAt).toBeInstanceOf(Date);
  });

  it("is nobody else's to print", async () => {
    const other = await t.db.person.create({ data: { ci: "O".repeat(88), name: "Other" } });
    const [mine] = await t.db.credential.findMany({ where: { personId } });
    expect(await printCopy(t.db, PUBLIC_URL, other.id, mine.id, "en", new Date())).toBeNull();
  });
});
