import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RouteRule } from "./route";

/** Like GOV.UK Notify's test: every REST route must declare who may call it. */
const APP = path.resolve(import.meta.dirname, "../../app");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("REST route rules", () => {
  const files = routeFiles(APP);

  it("finds the routes", () => {
    expect(files.length).toBeGreaterThan(4);
  });

  it.each(files.map((f) => [path.relative(APP, f), f]))("%s declares a rule for every method", async (_name, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = METHODS.filter((m) => typeof mod[m] === "function");
    expect(handlers.length).toBeGreaterThan(0);
    for (const method of handlers) {
      const rule = (mod[method] as { rule?: RouteRule }).rule;
      expect(rule?.role, `${method} lacks a rule`).toMatch(/^(public|citizen|subject|staff|operator|agency)$/);
      expect(rule?.ownership, `${method} lacks an ownership rule`).toBeTruthy();
    }
  });
});
