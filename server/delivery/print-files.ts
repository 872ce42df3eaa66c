import { randomUUID } from "node:crypto";
import { open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";

// What Moa and the print house exchange, as files in DATA_DIR/print/<day>/ (day: YYYY-MM-DD, Seoul).

/** One letter handed over: `key` (the letter number) is unique in the manifest. */
export interface ManifestEntry {
  key: string;
  noticeId: string;
  /** The PDF's file name in the day's folder. */
  file: string;
  pages: number;
  sha256: string;
}

/** manifest.json, written by Moa: every letter of the day, rewritten when letters are added. */
export interface Manifest {
  day: string;
  letters: ManifestEntry[];
}

export interface Receipt {
  status: "printed" | "dispatched";
  printedAt: string;
  dispatchedAt?: string;
}

/** receipts.json, written by the print house: what became of each key. */
export interface Receipts {
  day: string;
  letters: Record<string, Receipt>;
}

export const printDir = (dataDir: string, day: string) => path.join(dataDir, "print", day);
export const MANIFEST = "manifest.json";
export const RECEIPTS = "receipts.json";

/** The days that have a folder, oldest first. */
export async function printDays(dataDir: string): Promise<string[]> {
  const entries = await readdir(path.join(dataDir, "print"), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  return entries.filter((e) => e.isDirectory() && /^\d{4}-\d{2}-\d{2}$/.test(e.name)).map((e) => e.name).sort();
}

export async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Writes to a temporary name, flushes, then renames: a reader sees the old file or the new one, never half. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
