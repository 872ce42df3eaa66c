import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRouteTable, findRouteFiles } from "./route-table";

const APP = path.resolve(import.meta.dirname, "../../app");

describe("the route table of the web process (server/runtime/web.ts)", () => {
  const files = findRouteFiles(APP, path.join(APP, "api"));
  const table = createRouteTable(files.map((f) => ({ segments: f.segments, route: f.segments.join("/") })));

  it("serves every route under app/api", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(table.size).toBe(files.length);
  });

  it.each([
    ["/api/trpc/notices.list", "api/trpc/[trpc]", { trpc: "notices.list" }],
    ["/api/trpc/notices.counts,preferences.get", "api/trpc/[trpc]", { trpc: "notices.counts,preferences.get" }],
    ["/api/v1/notices", "api/v1/notices", {}],
    ["/api/v1/notices/by-reference/returned", "api/v1/notices/by-reference/[reference]", { reference: "returned" }],
    ["/api/v1/notices/by-reference/NTS%2F2026%20%EA%B0%80", "api/v1/notices/by-reference/[reference]", { reference: "NTS/2026 가" }],
    ["/api/v1/notices/abc/returned", "api/v1/notices/[id]/returned", { id: "abc" }],
    ["/api/v1/openapi.json", "api/v1/openapi.json", {}],
    ["/api/v1/notice-batches/b1/errors", "api/v1/notice-batches/[id]/errors", { id: "b1" }],
  ])("%s → %s", (pathname, route, params) => {
    expect(table.match(pathname)).toEqual({ route, params });
  });

  it.each(["/api/v1/notices/", "/api/v1", "/api/v1/notices/by-reference/%E0%A4%A", "/api/trpc", "/api/nothing/here"])("leaves %s to Next", (pathname) => {
    expect(table.match(pathname)).toBeNull();
  });

  it("puts a fixed segment before a parameter wherever it is", () => {
    const t = createRouteTable([
      { segments: ["a", "[x]", "c"], route: "dynamic-first" },
      { segments: ["a", "b", "[y]"], route: "fixed-first" },
      { segments: ["a", "[...rest]"], route: "catch-all" },
      { segments: ["a", "_private", "c"], route: "private" },
    ]);
    expect(t.match("/a/b/c")).toEqual({ route: "fixed-first", params: { y: "c" } });
    expect(t.match("/a/z/c")).toEqual({ route: "dynamic-first", params: { x: "z" } });
    expect(t.size).toBe(2);
  });
});
