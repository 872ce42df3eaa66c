import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Inputs of the production build: a change to any of them makes `npm start` rebuild. */
const INPUT_DIRS = ["app", "server", "locales", "public", "sw", "prisma"];
const INPUT_FILES = ["next.config.ts", "proxy.ts", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];
const IGNORED = [/\.test\.tsx?$/, /^public\/sw\.js$/, /^public\/workbox-/, /^server\/generated\//];

export const BUILD_STAMP = ".next/moa-build-stamp";

function walk(dir: string, out: string[]) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

export function sourceHash(root = process.cwd()): string {
  const files: string[] = [];
  for (const d of INPUT_DIRS) if (existsSync(path.join(root, d))) walk(path.join(root, d), files);
  for (const f of INPUT_FILES) if (existsSync(path.join(root, f))) files.push(path.join(root, f));
  const hash = createHash("sha256");
  for (const file of files.map((f) => path.relative(root, f)).sort()) {
    if (IGNORED.some((re) => re.test(file))) continue;
    hash.update(file).update("\0");
    hash.update(readFileSync(path.join(root, file))).update("\0");
  }
  return hash.digest("hex");
}

export function buildIsCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, BUILD_STAMP);
  if (!existsSync(stamp) || !statSync(stamp).isFile()) return false;
  return readFileSync(stamp, "utf8").trim() === sourceHash(root);
}
