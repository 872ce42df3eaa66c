import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readEnv } from "../env";
import { lockDataDir } from "./lock";
import { loadSecrets } from "./secrets";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "moa-runtime-"));

describe("DATA_DIR lock", () => {
  it("refuses a second instance with a clear message and frees on release", () => {
    const dir = tmp();
    const release = lockDataDir(dir);
    // Pretend another live process (our parent) holds it.
    writeFileSync(path.join(dir, "moa.pid"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/Another Moa \(pid \d+\) is already running on DATA_DIR/);
    writeFileSync(path.join(dir, "moa.pid"), String(process.pid));
    release();
    expect(existsSync(path.join(dir, "moa.pid"))).toBe(false);
  });

  it("takes over a lock left by a dead process", () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "moa.pid"), "999999");
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "moa.pid"), "utf8")).toBe(String(process.pid));
    release();
  });
});

describe("configuration", () => {
  it("stops in production when a secret is missing, naming it", () => {
    const env = readEnv({ NODE_ENV: "production", DATA_DIR: tmp() });
    expect(() => loadSecrets(env)).toThrow(ConfigError);
    expect(() => loadSecrets(env)).toThrow(/CI_SECRET must be set in production/);
  });

  it("generates development secrets once and keeps them private", () => {
    const dir = tmp();
    const env = readEnv({ DATA_DIR: dir });
    const a = loadSecrets(env);
    const b = loadSecrets(env);
    expect(a).toEqual(b);
    expect(a.CI_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    const fromEnv = loadSecrets(readEnv({ DATA_DIR: dir, CI_SECRET: "x".repeat(40) }));
    expect(fromEnv.CI_SECRET).toBe("x".repeat(40));
  });

  it("explains a malformed variable in one line", () => {
    expect(() => readEnv({ PORT: "eighty" })).toThrow(/^Configuration error: PORT: /);
    expect(() => readEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });
});
