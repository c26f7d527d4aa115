/**
 * All-or-nothing output folder: files are written to a temporary sibling folder and renamed into
 * place only when every one was written, so OUTDIR never holds a partial analysis. OUTDIR must be
 * new or empty.
 */
import { mkdir, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { KollenError } from "../schemas/errors.ts";

/** @throws KollenError OUTPUT_NOT_EMPTY */
export async function assertFreshDir(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length) throw new KollenError("OUTPUT_NOT_EMPTY", `${dir} exists and is not empty`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

/** Writes `files` (relative path → content, produced lazily) into `out` atomically, 32 at a time. */
export async function writeOutDir(out: string, files: Iterable<[string, string | Uint8Array]>, mode = 0o600): Promise<void> {
  const tmp = join(dirname(out), `.${basename(out)}.kollen-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  try {
    const dirs = new Set<string>();
    let pending: Promise<void>[] = [];
    for (const [name, content] of files) {
      const path = join(tmp, name);
      const d = dirname(path);
      if (!dirs.has(d)) {
        await mkdir(d, { recursive: true, mode: 0o700 });
        dirs.add(d);
      }
      pending.push(writeFile(path, content, { mode }));
      if (pending.length >= 32) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
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
