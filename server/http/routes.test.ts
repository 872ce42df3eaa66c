import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RouteRule } from "./route";
import { findRouteFiles } from "./route-table";

/** Like GOV.UK Notify's test: every REST route must declare who may call it. */
const APP = path.resolve(import.meta.dirname, "../../app");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

describe("REST route rules", () => {
  const files = findRouteFiles(APP, APP).map((f) => f.file);

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
