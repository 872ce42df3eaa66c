import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { MANIFEST, RECEIPTS, printDays, printDir, readJson, writeFileAtomic, type Manifest, type ManifestEntry, type Receipts } from "../delivery/print-files";

const HOUR = 60 * 60 * 1000;

export interface PrintHouseOptions {
  dataDir: string;
  now: Date;
  /** How long after printing a letter is handed to the post. */
  dispatchDelayMs?: number;
}

/** A letter is printed only as handed over: its file is there and has the manifest's hash. */
async function intact(dir: string, letter: ManifestEntry): Promise<boolean> {
  const bytes = await readFile(path.join(dir, path.basename(letter.file))).catch(() => null);
  return bytes !== null && createHash("sha256").update(bytes).digest("hex") === letter.sha256;
}

/**
 * The sandbox print house, which speaks only files like a real one picking up a folder: for each
 * day's manifest it prints the letters it has not seen (receipt `printed`) and, `dispatchDelayMs`
 * later, hands them to the post (`dispatched`), recording both in the day's receipts.json.
 */
export async function processPrintBatches({ dataDir, now, dispatchDelayMs = HOUR }: PrintHouseOptions): Promise<{ printed: number; dispatched: number }> {
  let printed = 0;
  let dispatched = 0;
  for (const day of await printDays(dataDir)) {
    const dir = printDir(dataDir, day);
    const manifest = await readJson<Manifest>(path.join(dir, MANIFEST));
    if (!manifest) continue;
    const receipts = (await readJson<Receipts>(path.join(dir, RECEIPTS))) ?? { day, letters: {} };
    let changed = false;
    for (const letter of manifest.letters) {
      const receipt = receipts.letters[letter.key];
      if (!receipt) {
        if (!(await intact(dir, letter))) continue;
        receipts.letters[letter.key] = { status: "printed", printedAt: now.toISOString() };
        printed++;
        changed = true;
      } else if (receipt.status === "printed" && now.getTime() - Date.parse(receipt.printedAt) >= dispatchDelayMs) {
        receipts.letters[letter.key] = { ...receipt, status: "dispatched", dispatchedAt: now.toISOString() };
        dispatched++;
        changed = true;
      }
    }
    if (changed) await writeFileAtomic(path.join(dir, RECEIPTS), JSON.stringify(receipts, null, 2));
  }
  return { printed, dispatched };
}

/** Runs the sandbox print house every `intervalMs` until stopped (for `npm start`). */
export function startSandboxPrintHouse(options: { dataDir: string; intervalMs?: number; dispatchDelayMs?: number; clock?: () => Date; onError?: (error: unknown) => void }): { stop(): void } {
  const { intervalMs = 60_000, clock = () => new Date() } = options;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    processPrintBatches({ dataDir: options.dataDir, now: clock(), dispatchDelayMs: options.dispatchDelayMs })
      .catch((error) => options.onError?.(error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
