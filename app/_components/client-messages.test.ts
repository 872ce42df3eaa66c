import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pickMessages, SHELL_MESSAGES } from "./client-messages";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  const found = [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")].find((f) => existsSync(f) && statSync(f).isFile());
  return found && found.startsWith(APP) ? found : null;
}

interface Module {
  client: boolean;
  imports: string[];
  namespaces: string[];
}
const modules = new Map<string, Module>();
function moduleAt(file: string): Module {
  let m = modules.get(file);
  if (!m) {
    const source = readFileSync(file, "utf8");
    m = {
      client: /^\s*["']use client["']/.test(source),
      imports: [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+"([^"]+)"/g)].map((i) => resolveImport(file, i[1])).filter((f): f is string => f !== null),
      namespaces: [...source.matchAll(/useTranslations\(\s*(?:"([^"]*)")?/g)].map((u) => u[1] ?? ""),
    };
    modules.set(file, m);
  }
  return m;
}

/** The namespaces that client code reachable from `entry` asks for ("" for the whole catalogue). */
function clientNamespaces(entry: string): Set<string> {
  const needed = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, inClient: boolean) => {
    const m = moduleAt(file);
    const client = inClient || m.client;
    if (seen.has(`${client}:${file}`)) return;
    seen.add(`${client}:${file}`);
    if (client) m.namespaces.forEach((n) => needed.add(n));
    m.imports.forEach((f) => walk(f, client));
  };
  walk(entry, false);
  return needed;
}

const covers = (given: readonly string[], needed: string) => given.some((g) => needed === g || needed.startsWith(`${g}.`));

/** The namespaces a page hands on with <ClientMessages namespaces={[...]}>. */
function declared(file: string): string[] {
  const list = /<ClientMessages namespaces=\{\[([^\]]*)\]\}>/.exec(readFileSync(file, "utf8"))?.[1];
  return list ? [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
}

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) return pages(p);
    return entry === "page.tsx" || entry === "not-found.tsx" ? [p] : [];
  });
}

describe("client messages", () => {
  const en = JSON.parse(readFileSync(path.join(ROOT, "locales/en.json"), "utf8"));

  it("picks only the named parts, sharing nothing it did not pick", () => {
    const messages = { a: { b: "1", c: { d: "2" } }, e: "3", f: { g: "4" } };
    expect(pickMessages(messages, ["a.c", "e", "missing.x", "a.b.too-deep"])).toEqual({ a: { c: { d: "2" } }, e: "3" });
    expect(pickMessages(messages, ["a.c.d", "a"])).toEqual({ a: messages.a });
    expect(pickMessages(messages, ["a.c"]).a).not.toBe(messages.a);
  });

  it("the layout's client components need only the shell's namespaces", () => {
    const needed = [...clientNamespaces(path.join(APP, "[locale]/layout.tsx"))];
    expect(needed.length).toBeGreaterThan(3);
    expect(needed.filter((n) => !covers(SHELL_MESSAGES, n))).toEqual([]);
  });

  const all = pages(path.join(APP, "[locale]"));
  it("finds the pages", () => expect(all.length).toBeGreaterThan(20));

  for (const page of all) {
    const name = path.relative(APP, page);
    it(`${name} hands its client components every namespace they use, and no other`, () => {
      const needed = [...clientNamespaces(page)];
      const given = declared(page);
      expect(needed.filter((n) => !covers([...SHELL_MESSAGES, ...given], n)), "missing").toEqual([]);
      expect(given.filter((g) => !needed.some((n) => covers([g], n) || covers([n], g))), "not used").toEqual([]);
      expect(given.filter((g) => covers(SHELL_MESSAGES, g)), "already in the shell").toEqual([]);
      for (const g of given) expect(g.split(".").reduce((node, key) => node?.[key], en), g).toBeTypeOf("object");
    });
  }
});
