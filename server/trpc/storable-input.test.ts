import { TRPCError, type AnyTRPCProcedure } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { storableValue } from "../db/storable-text";
import { DEFAULT_PREFERENCES } from "../preferences/preferences";
import { SCOPES } from "../assist/scopes";
import { createCallerFactory } from "./init";
import { appRouter } from "./router";

const anonymous = createCallerFactory(appRouter)({ db: null as never, principal: null, locale: "en", preferences: DEFAULT_PREFERENCES, resHeaders: new Headers(), reqHeaders: new Headers() });

async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => null, (e: unknown) => e);
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error.code;
}

describe("text PostgreSQL cannot store", () => {
  it("is found in strings, keys and nested values", () => {
    expect(storableValue({ a: ["ok", { b: "종로 😀" }], n: 1, z: null })).toBe(true);
    expect(storableValue({ a: ["ok", { b: "종\0로" }] })).toBe(false);
    expect(storableValue({ a: { "k\0": 1 } })).toBe(false);
    expect(storableValue(["\ud800"])).toBe(false);
    expect(storableValue("\udc00x")).toBe(false);
    expect(storableValue(undefined)).toBe(true);
  });

  const procedures = Object.keys(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>);
  it.each(procedures)("is refused as BAD_REQUEST by %s before anything else runs", async (name) => {
    let fn: unknown = anonymous;
    for (const part of name.split(".")) fn = (fn as Record<string, unknown>)[part];
    expect(await codeOf((fn as (input: unknown) => Promise<unknown>)({ anything: "a\0b" }))).toBe("BAD_REQUEST");
  });

  it("is refused before the role check, and storable text gets to it", async () => {
    const invite = (label: string) => anonymous.grants.invite({ scopes: [SCOPES[0]], days: 1, label });
    expect(await codeOf(invite("이웃\0"))).toBe("BAD_REQUEST");
    expect(await codeOf(invite("이웃\ud800"))).toBe("BAD_REQUEST");
    // The same call with storable text gets as far as the role check.
    expect(await codeOf(invite("이웃"))).toBe("UNAUTHORIZED");
  });
});
