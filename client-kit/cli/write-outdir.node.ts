/**
 * All-or-nothing output folder: files are written to a temporary sibling folder and renamed into
 * place only when every one was written, so OUTDIR never holds a partial analysis. OUTDIR must be
 * new or empty.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { readdir, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { KollenError } from "../../schemas/errors.ts";

/** @throws KollenError OUTPUT_NOT_EMPTY */
export async function assertFreshDir(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length) throw new KollenError("OUTPUT_NOT_EMPTY", `${dir} exists and is not empty (mappen finns och är inte tom)`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

/**
 * Writes `files` (relative path → content, produced lazily) into `out` atomically. Synchronous
 * writes: for 10 000 small pages several times faster than the thread pool.
 */
export async function writeOutDir(out: string, files: Iterable<[string, string | Uint8Array]>, mode = 0o600): Promise<void> {
  const tmp = join(dirname(out), `.${basename(out)}.kollen-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  try {
    const dirs = new Set<string>();
    for (const [name, content] of files) {
      const path = join(tmp, name);
      const d = dirname(path);
      if (!dirs.has(d)) {
        mkdirSync(d, { recursive: true, mode: 0o700 });
        dirs.add(d);
      }
      writeFileSync(path, content, { mode, flag: "wx" });
    }
    try {
      await rmdir(out); // an existing empty folder is replaced
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
