import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../env";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One Moa per DATA_DIR: a pid file created exclusively, taken over only when its owner is gone. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "moa.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(file, "utf8"));
      if (owner && owner !== process.pid && alive(owner)) {
        throw new ConfigError(
          `Another Moa (pid ${owner}) is already running on DATA_DIR ${path.resolve(dataDir)}: stop it, or set DATA_DIR to another folder.`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new ConfigError(`Could not lock DATA_DIR ${path.resolve(dataDir)}.`);
}
