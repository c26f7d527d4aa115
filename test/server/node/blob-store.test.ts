// The blob store on disk: bytes arrive in pieces of any size (gathered into writes of up to
// 512 KiB, smaller while several large uploads write at once), a
// committed blob reads back identical under its final key, the handle that wrote it is closed,
// and a discarded one leaves nothing behind. A small body (one piece, as the upload body hands it
// on) is held in memory and written once under its final name, within a budget.
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeBlobStore } from "../../../server/node/blob-store.node.ts";

const dir = mkdtempSync(join(tmpdir(), "kollen-blobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pieces(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let off = 0;
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (off >= bytes.length) return c.close();
      const n = sizes[i++ % sizes.length]!;
      c.enqueue(bytes.slice(off, off + n));
      off += n;
    },
  });
}

async function readAll(s: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(s).arrayBuffer());
}

describe("node blob store", () => {
  const store = nodeBlobStore(dir);

  it("commits what arrived in odd pieces, byte for byte, for sizes around the write batch", async () => {
    for (const size of [0, 1, 100 * 1024, 512 * 1024, 512 * 1024 + 1, 3 * 1024 * 1024 + 17]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + size) & 255);
      const temp = await store.putTemp(pieces(bytes, [7, 65536, 1000003, 300]));
      expect(temp.size).toBe(size);
      const key = await store.commit(temp, `submissions/blob-${size}.kollen`);
      const back = await readAll((await store.get(key))!);
      expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    }
    expect(readdirSync(join(dir, "tmp"))).toEqual([]);
  });

  it("large uploads writing at once (sharing the write budget) each commit byte for byte, beside a failing one", async () => {
    const sizes = Array.from({ length: 8 }, (_, i) => 2 * 1024 * 1024 + i * 70_001);
    const datas = sizes.map((size, k) => new Uint8Array(size).map((_, i) => (i * 7 + k * 13) & 255));
    const broken = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(300 * 1024));
        c.enqueue(new Uint8Array(300 * 1024));
        c.error(new Error("client went away"));
      },
    });
    const [failed, ...temps] = await Promise.allSettled([store.putTemp(broken), ...datas.map((d) => store.putTemp(pieces(d, [65536, 4096, 131072])))]);
    expect(failed.status).toBe("rejected");
    for (const [k, t] of temps.entries()) {
      expect(t.status).toBe("fulfilled");
      const temp = (t as PromiseFulfilledResult<Awaited<ReturnType<typeof store.putTemp>>>).value;
      expect(temp.size).toBe(sizes[k]);
      const key = await store.commit(temp, `submissions/concurrent-${k}.kollen`);
      expect(Buffer.from(await readAll((await store.get(key))!)).equals(Buffer.from(datas[k]!))).toBe(true);
    }
    expect(readdirSync(join(dir, "tmp"))).toEqual([]);
  });

  it("a discarded blob leaves no file, and a failing body removes what was written", async () => {
    const temp = await store.putTemp(pieces(new Uint8Array(1000), [100]));
    await store.discard(temp);
    const broken = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(600 * 1024));
        c.error(new Error("client went away"));
      },
    });
    await expect(store.putTemp(broken)).rejects.toThrow("client went away");
    expect(readdirSync(join(dir, "tmp"))).toEqual([]);
  });

  it("holds a small body in memory: nothing on disk until commit writes it under its final name; discarded, it leaves nothing", async () => {
    const own = mkdtempSync(join(dir, "small-"));
    const small = nodeBlobStore(own);
    const bytes = new Uint8Array(100 * 1024).map((_, i) => (i * 13) & 255);
    const temp = await small.putTemp(pieces(bytes, [bytes.length]));
    expect(temp.size).toBe(bytes.length);
    expect(readdirSync(own)).toEqual([]); // not even a temporary folder
    const key = await small.commit(temp, "submissions/small.kollen");
    expect(key).toBe("submissions/small.kollen");
    expect(Buffer.from(readFileSync(join(own, key))).equals(Buffer.from(bytes))).toBe(true);
    const dropped = await small.putTemp(pieces(bytes, [bytes.length]));
    await small.discard(dropped);
    expect(readdirSync(own)).toEqual(["submissions"]);
    expect(readdirSync(join(own, "submissions"))).toEqual(["small.kollen"]);
  });

  it("past the held budget a small body goes to a temporary file; a failed commit keeps an existing file and frees the budget", async () => {
    const own = mkdtempSync(join(dir, "budget-"));
    const small = nodeBlobStore(own, { heldBudget: 250 * 1024 });
    const datas = [1, 2, 3].map((k) => new Uint8Array(100 * 1024).map((_, i) => (i * k) & 255));
    const temps = [];
    for (const d of datas) temps.push(await small.putTemp(pieces(d, [d.length])));
    expect(readdirSync(join(own, "tmp"))).toEqual([`${temps[2]!.tempKey}`]); // two held, the third on disk
    for (const [k, t] of temps.entries()) {
      const key = await small.commit(t, `submissions/b${k}.kollen`);
      expect(Buffer.from(readFileSync(join(own, key))).equals(Buffer.from(datas[k]!))).toBe(true);
    }
    expect(readdirSync(join(own, "tmp"))).toEqual([]);

    // a held body committed onto a name that exists: refused, the file there unchanged
    writeFileSync(join(own, "submissions/taken.kollen"), "already here");
    const clash = await small.putTemp(pieces(datas[0]!, [datas[0]!.length]));
    await expect(small.commit(clash, "submissions/taken.kollen")).rejects.toMatchObject({ code: "EEXIST" });
    expect(readFileSync(join(own, "submissions/taken.kollen"), "utf8")).toBe("already here");
    await small.discard(clash);
    // the budget it held is free again: two more are held, none written to a temporary file
    const again = [await small.putTemp(pieces(datas[1]!, [datas[1]!.length])), await small.putTemp(pieces(datas[2]!, [datas[2]!.length]))];
    expect(readdirSync(join(own, "tmp"))).toEqual([]);
    for (const t of again) await small.discard(t);
    expect(existsSync(join(own, "submissions/taken.kollen"))).toBe(true);
  });

  it("close() closes the handles the store kept open: the folders' for their syncs, an unfinished temporary blob", async () => {
    const own = mkdtempSync(join(dir, "close-"));
    const store = nodeBlobStore(own);
    /** what this process holds open under the store's folder (other tests' handles come and go) */
    const openHere = () =>
      readdirSync("/proc/self/fd")
        .map((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return ""; // closed meanwhile
          }
        })
        .filter((target) => target.startsWith(own))
        .sort();
    const big = new Uint8Array(2 * 1024 * 1024);
    const temp = await store.putTemp(pieces(big, [65536])); // on disk, neither committed nor discarded
    const small = await store.putTemp(pieces(big.subarray(0, 1000), [1000]));
    await store.commit(small, "submissions/kept.kollen"); // the folder's handle stays open for the next sync
    expect(openHere()).toEqual([join(own, "submissions"), join(own, "tmp", temp.tempKey)]);
    await store.close();
    expect(openHere()).toEqual([]);
  });
});
