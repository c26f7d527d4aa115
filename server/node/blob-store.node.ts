/**
 * The blob store on disk: package ciphertext written to a temporary file in batches of up to
 * 512 KiB (smaller while several large uploads write at once: WRITE_BUDGET below), fsync'd,
 * renamed into place and the folder synced, only after every check passed. A small body (up to
 * 1 MiB, the size the upload body is gathered whole at) is held in memory until its checks passed
 * and then written once, under its final name (create, write, fsync, close, folder sync): no
 * temporary file, no rename, and a refused small upload costs no disk at all. Held bytes are
 * bounded (HELD_BUDGET); past it, small bodies take the temporary-file path too.
 *
 * One handle per blob: the temporary file stays open from its first write to its fsync in commit()
 * (an open and a close on the thread pool cost about as much as the write of a 100 KiB package),
 * and each folder is synced through one handle kept open, shared by uploads committing together.
 * The create, writes, rename and close stay on libuv's thread pool: made in place on the event loop
 * instead, they cost a quiet 2-core machine 12 % of its 100 KiB uploads per second (the pool's
 * threads run them beside the event loop), and a copy into pooled write buffers raised the peak
 * RSS of concurrent large uploads (bench:server --vs, 2026-12-01).
 */
import { mkdir, open, readdir, rename, unlink, type FileHandle } from "node:fs/promises";
import { createReadStream, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import type { BlobStore, TempBlob } from "../ports.ts";
import { sharedSync } from "./shared-sync.node.ts";

/** One writev's bytes for a large upload writing alone: one thread-pool round trip per 512 KiB. */
const WRITE_BATCH = 512 * 1024;
/** …and never less than this, however many write at once. */
const MIN_WRITE_BATCH = 64 * 1024;
/**
 * The bytes that the batches of all large uploads writing at once aim to stay within: each holds
 * about two batches (one gathered while the last is written), so 8 concurrent 64 MiB uploads with
 * 512 KiB batches held ~8 MiB of buffers, and with their dead copies awaiting V8's next scavenge
 * and the malloc arena's slack, the peak RSS rose 20–30 MiB over idle; with 128 KiB batches ~10
 * (bench:server, 2026-12-01). One upload alone keeps its 512 KiB batches (128 KiB ones cost it a
 * quarter of its MB/s).
 */
const WRITE_BUDGET = 1024 * 1024;

/** A body up to this size is held in memory until commit() (../node/upload-body.node.ts gathers it whole). */
const IN_MEMORY_BYTES = 1024 * 1024;
/** The bytes all bodies held in memory may take together: 32 concurrent 1 MiB uploads. */
const HELD_BUDGET = 32 * 1024 * 1024;

/** fsync of a file this store did not write (a temporary blob of an earlier store instance). */
async function syncFile(path: string): Promise<void> {
  const fh = await open(path, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** writev until every byte of `chunks` is written (short writes are resumed). */
async function writeAll(fh: FileHandle, chunks: Uint8Array[]): Promise<void> {
  let rest = chunks.filter((c) => c.byteLength > 0);
  while (rest.length > 0) {
    let { bytesWritten } = await fh.writev(rest);
    const next: Uint8Array[] = [];
    for (const c of rest) {
      if (bytesWritten >= c.byteLength) bytesWritten -= c.byteLength;
      else {
        next.push(bytesWritten > 0 ? c.subarray(bytesWritten) : c);
        bytesWritten = 0;
      }
    }
    rest = next;
  }
}

const KEY = /^[a-z0-9-]{1,40}\/[A-Za-z0-9._-]{1,120}$/;

/**
 * Blobs as files under `root`: temporary ones in `root/tmp`, final ones at `root/<key>`.
 * `sweep()` removes temporary files left by a crash (call at start, before serving); `close()` closes
 * the handles the store keeps open (the folders' for their shared syncs, unfinished temporary blobs).
 */
export function nodeBlobStore(root: string, limits: { heldBudget?: number } = {}): BlobStore & { sweep(known?: (key: string) => boolean): Promise<number>; close(): Promise<void> } {
  const heldBudget = limits.heldBudget ?? HELD_BUDGET;
  const tmpDir = join(root, "tmp");
  const dirSyncs = new Map<string, ReturnType<typeof sharedSync>>();
  /** The folders' handles, opened once each for their shared syncs (closed by close()). */
  const dirHandles = new Set<Promise<FileHandle>>();
  /** Syncs `dir` through a handle opened once; a failed open is retried by the next sync. */
  const syncDirOf = (dir: string) => {
    let d = dirSyncs.get(dir);
    if (!d) {
      let handle: Promise<FileHandle> | undefined;
      d = sharedSync(async () => {
        if (!handle) {
          const opening = open(dir, "r");
          handle = opening;
          dirHandles.add(opening);
          opening.catch(() => {
            dirHandles.delete(opening);
            handle = undefined;
          });
        }
        await (await handle).sync();
      });
      dirSyncs.set(dir, d);
    }
    return d.sync(d.mark());
  };
  /** Temporary blobs written but neither committed nor discarded yet, with their open handle. */
  const openTemps = new Map<string, FileHandle>();
  const closeTemp = async (tempKey: string) => {
    const fh = openTemps.get(tempKey);
    openTemps.delete(tempKey);
    await fh?.close();
  };
  /** Uploads whose body has filled at least one batch and not ended yet (large ones). */
  let largeWriters = 0;
  const batchLimit = () => Math.max(MIN_WRITE_BATCH, Math.min(WRITE_BATCH, Math.floor(WRITE_BUDGET / Math.max(1, largeWriters))));
  const made = new Map<string, Promise<unknown>>();
  const ensureDir = (d: string) => {
    let p = made.get(d);
    if (!p) {
      p = mkdir(d, { recursive: true });
      p.catch(() => made.delete(d));
      made.set(d, p);
    }
    return p;
  };
  const pathOf = (key: string) => {
    if (!KEY.test(key) || key.includes("..")) throw new Error("bad blob key");
    return join(root, key);
  };
  const tempPath = (t: TempBlob) => {
    if (!/^[0-9a-f-]{36}\.part$/.test(t.tempKey)) throw new Error("bad temp key");
    return join(tmpDir, t.tempKey);
  };
  /** Small bodies held in memory until commit() or discard(), and their bytes together. */
  const held = new Map<string, Uint8Array[]>();
  let heldBytes = 0;
  const release = (tempKey: string) => {
    const chunks = held.get(tempKey);
    if (!chunks) return undefined;
    held.delete(tempKey);
    heldBytes -= chunks.reduce((n, c) => n + c.byteLength, 0);
    return chunks;
  };
  return {
    async putTemp(body) {
      const tempKey = `${crypto.randomUUID()}.part`;
      const reader = body.getReader();
      // a small body comes as one piece (upload-body.node.ts gathers it whole): one piece and then
      // the end is held in memory; anything else goes to a temporary file from its first two pieces
      const head: Uint8Array[] = [];
      let size = 0;
      let ended = false;
      for (let i = 0; i < 2 && !ended; i++) {
        const { done, value } = await reader.read();
        if (done) ended = true;
        else {
          head.push(value);
          size += value.byteLength;
        }
      }
      if (ended && size <= IN_MEMORY_BYTES && heldBytes + size <= heldBudget) {
        held.set(tempKey, head);
        heldBytes += size;
        return { tempKey, size };
      }
      await ensureDir(tmpDir);
      const path = join(tmpDir, tempKey);
      const fh = await open(path, "wx", 0o600);
      // Chunks are gathered into writev calls of up to 512 KiB, and the next batch is read while the
      // last one is written: one thread-pool round trip per batch instead of per 16–64 KiB chunk.
      let large = false;
      /** a body in more than one piece, past the smallest batch, counts as large while it writes */
      const countLarge = () => {
        if (!large && head.length > 1 && size >= MIN_WRITE_BATCH) {
          large = true;
          largeWriters++;
        }
      };
      let pending: Promise<unknown> = Promise.resolve();
      let batch: Uint8Array[] = head;
      let batchBytes = size;
      const flush = async () => {
        const chunks = batch;
        batch = [];
        batchBytes = 0;
        await pending;
        pending = writeAll(fh, chunks);
        pending.catch(() => {});
      };
      try {
        countLarge();
        if (batchBytes >= batchLimit()) await flush();
        while (!ended) {
          const { done, value } = await reader.read();
          if (done) break;
          batch.push(value);
          batchBytes += value.byteLength;
          size += value.byteLength;
          countLarge();
          if (batchBytes >= batchLimit()) await flush();
        }
        await flush();
        await pending;
        openTemps.set(tempKey, fh); // synced and closed in commit(), only if every check passed
      } catch (e) {
        await fh.close().catch(() => {});
        await unlink(path).catch(() => {});
        throw e;
      } finally {
        if (large) largeWriters--;
      }
      return { tempKey, size };
    },
    async commit(temp, key) {
      const final = pathOf(key);
      const chunks = release(temp.tempKey);
      if (chunks) {
        // written once under its final name; a failed write removes only the file it created
        await ensureDir(dirname(final));
        const out = await open(final, "wx", 0o600);
        try {
          await writeAll(out, chunks);
          await out.sync();
        } catch (e) {
          await out.close().catch(() => {});
          await unlink(final).catch(() => {});
          throw e;
        }
        await out.close();
        await syncDirOf(dirname(final));
        return key;
      }
      const from = tempPath(temp);
      const fh = openTemps.get(temp.tempKey);
      // the data and the name must both be on disk before a row points at them: the data is synced
      // through the handle that wrote it while the name moves, then the folder
      const data = fh ? fh.sync() : Promise.resolve();
      data.catch(() => {});
      try {
        await ensureDir(dirname(final));
        await rename(from, final);
        await Promise.all([data, syncDirOf(dirname(final))]);
        if (!fh) await syncFile(final);
      } finally {
        await closeTemp(temp.tempKey);
      }
      return key;
    },
    async discard(temp) {
      if (release(temp.tempKey)) return;
      await closeTemp(temp.tempKey).catch(() => {});
      await unlink(tempPath(temp)).catch(() => {});
    },
    async delete(key) {
      await unlink(pathOf(key)).catch(() => {});
    },
    async get(key) {
      const path = pathOf(key);
      if (!existsSync(path)) return undefined;
      return Readable.toWeb(createReadStream(path, { highWaterMark: 64 * 1024 })) as ReadableStream<Uint8Array>;
    },
    async close() {
      const handles = [...dirHandles];
      dirHandles.clear();
      dirSyncs.clear();
      held.clear();
      heldBytes = 0;
      const temps = [...openTemps.keys()];
      await Promise.all([...handles.map(async (h) => (await h).close()), ...temps.map(closeTemp)].map((p) => p.catch(() => {})));
    },
    /** At start, before serving: removes temporary files, and final ones `known` does not claim. */
    async sweep(known) {
      let removed = 0;
      if (existsSync(tmpDir))
        for (const n of (await readdir(tmpDir)).filter((n) => n.endsWith(".part"))) {
          await unlink(join(tmpDir, n)).catch(() => {});
          removed++;
        }
      const finals = join(root, "submissions");
      if (known && existsSync(finals))
        for (const n of await readdir(finals))
          if (!known(`submissions/${n}`)) {
            await unlink(join(finals, n)).catch(() => {});
            removed++;
          }
      return removed;
    },
  };
}
