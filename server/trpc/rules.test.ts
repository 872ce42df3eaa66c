import { describe, expect, it } from "vitest";
import type { AnyTRPCProcedure } from "@trpc/server";
import type { Meta } from "./init";
import { appRouter } from "./router";

/** Like GOV.UK Notify's test: every entry point must declare who may call it. */
describe("access rules", () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>);

  it("finds procedures to check", () => {
    expect(procedures.length).toBeGreaterThan(0);
  });

  it.each(procedures)("%s declares a role and an ownership rule", (_name, procedure) => {
    const meta = procedure._def.meta as Meta | undefined;
    expect(meta?.rule?.role).toMatch(/^(public|signed-in|citizen|subject|staff|operator)$/);
    expect(meta?.rule?.ownership).toBeTruthy();
  });
});
